/** CodeMirror 6 set up for DuckDB SQL: highlighting, completion of the workbook's table and
 *  column names, Ctrl/Cmd+Enter to run, the place of the last error marked. Loaded lazily so
 *  the first page stays light. */
import { EditorState, Compartment, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine, placeholder, type DecorationSet } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { sql, PostgreSQL } from '@codemirror/lang-sql';

export type Schema = Record<string, string[]>;

export interface ErrorMark {
  from: number;
  to: number;
  /** Said when the mark is hovered and read by screen readers. */
  label: string;
}

export interface SqlEditorHandle {
  setText(text: string): void;
  setSchema(schema: Schema): void;
  /** Marks where the last run failed (null clears it). */
  markError(mark: ErrorMark | null): void;
  focus(): void;
  destroy(): void;
}

const setErrorMark = StateEffect.define<ErrorMark | null>();

/** The error's place: a wavy underline on the words at fault and a tint on their line. It
 *  follows the text while the person edits, and goes with the next run's result. */
const errorMark = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorMark)) continue;
      const m = effect.value;
      if (!m) {
        marks = Decoration.none;
        continue;
      }
      const length = tr.state.doc.length;
      const from = Math.max(0, Math.min(m.from, length));
      const to = Math.max(from, Math.min(m.to, length));
      const line = tr.state.doc.lineAt(from);
      const ranges = [Decoration.line({ class: 'cm-sql-error-line' }).range(line.from)];
      if (to > from) ranges.push(Decoration.mark({ class: 'cm-sql-error', attributes: { title: m.label, 'aria-label': m.label, 'data-testid': 'sql-error-mark' } }).range(from, to));
      marks = Decoration.set(ranges, true);
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const errorTheme = EditorView.baseTheme({
  '.cm-sql-error': { textDecoration: 'underline wavy #d93025', textDecorationSkipInk: 'none', textUnderlineOffset: '3px', backgroundColor: '#fdecea' },
  '.cm-sql-error-line': { backgroundColor: '#fff4f2' },
});

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
        errorMark,
        errorTheme,
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
      // New text from outside (a fix applied, a query opened): the old error's place is gone.
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, effects: setErrorMark.of(null) });
    },
    setSchema(schema) {
      view.dispatch({ effects: language.reconfigure(lang(schema)) });
    },
    markError(mark) {
      view.dispatch({ effects: setErrorMark.of(mark) });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
