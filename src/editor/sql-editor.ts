/** CodeMirror 6 set up for DuckDB SQL: highlighting, completion of the workbook's table and
 *  column names, Ctrl/Cmd+Enter to run. Loaded lazily so the first page stays light. */
import { EditorState, Compartment } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine, placeholder } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { sql, PostgreSQL } from '@codemirror/lang-sql';

export type Schema = Record<string, string[]>;

export interface SqlEditorHandle {
  setText(text: string): void;
  setSchema(schema: Schema): void;
  focus(): void;
  destroy(): void;
}

export function createSqlEditor(
  parent: HTMLElement,
  options: { text: string; schema: Schema; onChange: (text: string) => void; onRun: () => void; label: string },
): SqlEditorHandle {
  const language = new Compartment();
  const lang = (schema: Schema) => sql({ dialect: PostgreSQL, schema, upperCaseKeywords: true });
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle),
        autocompletion(),
        placeholder('SELECT …'),
        language.of(lang(options.schema)),
        keymap.of([
          { key: 'Mod-Enter', run: () => (options.onRun(), true), preventDefault: true },
          ...completionKeymap,
          ...historyKeymap,
          ...defaultKeymap,
        ]),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) options.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setSchema(schema) {
      view.dispatch({ effects: language.reconfigure(lang(schema)) });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
