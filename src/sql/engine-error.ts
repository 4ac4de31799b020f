/** DuckDB's error text, read into a structured error. The engine reports a failure in one of
 *  two shapes: JSON (`{"exception_type":"Parser","exception_message":"…","position":"12"}`,
 *  mostly syntax errors) or plain text (`Binder Error: …\n\nLINE 1: SELECT …\n       ^`).
 *  Both become the same `EngineError`, so the rest of the app never reads engine text. */

export interface EngineError {
  /** DuckDB's exception type: `Parser`, `Binder`, `Catalog`, `Conversion`, `Out of Memory`…
   *  (empty when the text is not one of DuckDB's errors). */
  type: string;
  /** The engine's own sentence, without the `LINE n:` excerpt and the lists that follow it. */
  message: string;
  /** Where in the SQL text the engine stopped: a character offset from 0, or null. */
  position: number | null;
  /** Names the engine proposes (`Candidate bindings: …`, `Did you mean "…"?`). */
  candidates: string[];
  /** The name the engine could not find, with what it is. */
  missing: { what: 'column' | 'table' | 'function'; name: string } | null;
}

/** DuckDB's "Out of Memory Error" or "Allocation failure" (the WebAssembly heap could not grow:
 *  seen at 10 M rows, where it fails before DuckDB's own accounting reaches its limit), or the
 *  browser refusing to grow the engine's memory. */
export function isOutOfMemory(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /out of memory|allocation failure|could not allocate|failed to allocate|Cannot enlarge memory|Array buffer allocation failed/i.test(text);
}

/** An engine failure in one line for a message: DuckDB's text carries a type prefix and
 *  sometimes a long hint after it; the first useful line is kept, without the prefix. */
export function engineMessageLine(error: unknown, max = 300): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  // A trap inside a wasm reader says only "unreachable".
  if (/^unreachable/.test(line)) return 'the reader stopped on data it cannot decode';
  return line.replace(/^[A-Za-z ]*Error: /, '').slice(0, max);
}

const LINE_EXCERPT = /\n*LINE (\d+): ([^\n]*)\n( *)\^/;

/** Reads an engine error. `sql` is the text that was run: a plain-text error gives its
 *  position only as a line excerpt with a caret, found again in the text. */
export function parseEngineError(raw: string, sql = ''): EngineError {
  const json = readJson(raw);
  let type: string;
  let text: string;
  let position: number | null = null;
  if (json) {
    type = String(json.exception_type ?? '');
    text = String(json.exception_message ?? raw);
    const p = Number(json.position);
    if (json.position !== undefined && Number.isInteger(p) && p >= 0) position = p;
  } else {
    const head = /^([A-Z][A-Za-z ]*?) Error: ([\s\S]*)$/.exec(raw.trim());
    type = head?.[1] ?? '';
    text = head?.[2] ?? raw.trim();
  }
  const excerpt = LINE_EXCERPT.exec(text);
  if (position === null && excerpt) position = positionFromExcerpt(sql, Number(excerpt[1]), excerpt[2]!, excerpt[3]!.length - `LINE ${excerpt[1]}: `.length);
  const body = (excerpt ? text.slice(0, excerpt.index) : text).trim();
  return {
    type,
    message: firstSentences(body),
    position: position !== null && sql ? Math.min(position, sql.length) : position,
    candidates: candidatesIn(body),
    missing: missingIn(body),
  };
}

function readJson(raw: string): Record<string, unknown> | null {
  const start = raw.indexOf('{');
  if (start < 0) return null;
  try {
    const value: unknown = JSON.parse(raw.slice(start));
    return value && typeof value === 'object' && 'exception_type' in value ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The caret's column counted in characters of the excerpt, which DuckDB may have cut out of
 *  a long line (with `...`), so the excerpt is looked up in that line of the text. */
function positionFromExcerpt(sql: string, line: number, excerpt: string, column: number): number | null {
  if (column < 0) return null;
  const lines = sql.split('\n');
  if (line < 1 || line > lines.length) return null;
  const lineStart = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const text = lines[line - 1]!;
  const lead = excerpt.startsWith('...') ? 3 : 0;
  const shown = excerpt.slice(lead).replace(/\.\.\.$/, '');
  const at = text.indexOf(shown);
  if (at < 0) return column <= text.length ? lineStart + column : null;
  return lineStart + at + Math.max(0, column - lead);
}

/** The message up to the lists DuckDB appends (candidate functions, bindings…). */
function firstSentences(body: string): string {
  return body
    .split('\n')
    .filter((l) => !/^\s*(Candidate (bindings|functions):|Did you mean)/.test(l) && !/^\t/.test(l))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function quotedNames(text: string): string[] {
  return [...text.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replaceAll('""', '"'));
}

function candidatesIn(body: string): string[] {
  const bindings = /Candidate bindings: ([^\n]*)/.exec(body);
  if (bindings) return quotedNames(bindings[1]!);
  const mean = /Did you mean ([^\n]*)\?/.exec(body);
  return mean ? quotedNames(mean[1]!) : [];
}

function missingIn(body: string): EngineError['missing'] {
  const column = /Referenced column "((?:[^"]|"")*)" not found/.exec(body);
  if (column) return { what: 'column', name: column[1]!.replaceAll('""', '"') };
  const table = /Table with name (.+?) does not exist/.exec(body);
  if (table) return { what: 'table', name: table[1]! };
  const fn = /Function with name (.+?) does not exist/.exec(body);
  if (fn) return { what: 'function', name: fn[1]! };
  return null;
}
