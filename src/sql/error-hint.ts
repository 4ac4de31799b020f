/** What went wrong in a query, in terms a person can act on: the kind of problem, where it is
 *  in the text, and a concrete fix for the usual mistakes — a column name with spaces or
 *  Vietnamese letters left unquoted, a name that does not exist (the closest real ones), a table
 *  typed as its file name (its SQL name). Pure: the engine's error, the SQL and the catalog in. */
import type { EngineError } from './engine-error';
import { ident } from './quote';
import { foldVietnamese, tableNameFor } from '../import/naming';

export interface CatalogTable {
  name: string;
  columns: { name: string }[];
}

export type QueryProblem = 'refused' | 'syntax' | 'column' | 'table' | 'function' | 'type' | 'groupBy' | 'ambiguous' | 'memory' | 'other';

export type QueryHint =
  /** Replace `typed` (at from–to) by `suggestion`: a quoted column name or a table's SQL name. */
  | { kind: 'quote' | 'sqlName'; typed: string; suggestion: string; from: number; to: number }
  /** Names that exist and are closest to what was typed. */
  | { kind: 'closest'; what: 'column' | 'table' | 'function'; names: string[] };

export interface QueryErrorReport {
  problem: QueryProblem;
  /** The name at fault (a column, table or function), when the engine said which. */
  name: string | null;
  /** The stretch of the SQL text to mark, or null when the engine gave no position. */
  span: { from: number; to: number } | null;
  /** 1-based line of the span, for the message. */
  line: number | null;
  hint: QueryHint | null;
  /** The engine's own sentence (English), kept for the curious and for bug reports. */
  detail: string;
}

const KEYWORDS = new Set(
  'where group order limit having join left right inner outer full cross natural on using union except intersect as select from and or not qualify window offset pivot unpivot'.split(' '),
);
const WORD = /[\p{L}\p{N}_]/u;

export function explainQueryError(engineError: EngineError, sql: string, catalog: CatalogTable[]): QueryErrorReport {
  const error = { ...engineError, position: anchored(engineError, sql) };
  const problem = problemOf(error);
  const name = error.missing?.name ?? quotedIn(error.message, problem);
  const hint = hintFor(problem, error, sql, catalog);
  const span = hint && hint.kind !== 'closest' ? { from: hint.from, to: hint.to } : error.position !== null ? tokenAt(sql, error.position) : null;
  return {
    problem,
    name,
    span,
    line: span ? sql.slice(0, span.from).split('\n').length : null,
    hint,
    detail: error.message,
  };
}

/** The engine's caret is off in the second statement of a script (its excerpt is the
 *  statement, its column is not): a missing name is looked for where it is written, nearest
 *  the position given. */
function anchored(e: EngineError, sql: string): number | null {
  if (!e.missing || e.position === null) return e.position;
  const quoted = ident(e.missing.name);
  const word = new RegExp(`(?<![\\p{L}\\p{N}_"])${e.missing.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'giu');
  const at = [...sql.matchAll(word)].map((m) => m.index);
  for (let i = sql.indexOf(quoted); i >= 0; i = sql.indexOf(quoted, i + 1)) at.push(i);
  if (at.length === 0) return e.position;
  const p = e.position;
  return at.reduce((best, i) => (Math.abs(i - p) < Math.abs(best - p) ? i : best));
}

function problemOf(e: EngineError): QueryProblem {
  if (e.missing) return e.missing.what;
  const m = e.message;
  if (/out of memory/i.test(e.type) || /out of memory/i.test(m)) return 'memory';
  if (e.type === 'Parser') return 'syntax';
  if (/must appear in the GROUP BY clause/i.test(m)) return 'groupBy';
  if (/Ambiguous reference/i.test(m)) return 'ambiguous';
  if (e.type === 'Conversion' || /No function matches|Could not choose a best candidate|Cannot compare|cannot be cast|Cannot mix/i.test(m)) return 'type';
  return 'other';
}

/** `column "Năm" must appear…`, `Ambiguous reference to column name "x"`, `syntax error at or
 *  near "dân"`: the name (or word) in quotes. */
function quotedIn(message: string, problem: QueryProblem): string | null {
  if (problem !== 'groupBy' && problem !== 'ambiguous' && problem !== 'syntax') return null;
  return /"((?:[^"]|"")*)"/.exec(message)?.[1] ?? null;
}

function hintFor(problem: QueryProblem, e: EngineError, sql: string, catalog: CatalogTable[]): QueryHint | null {
  if (problem === 'syntax' || problem === 'table' || problem === 'column') {
    const table = tableTypedAsFileName(e, sql, catalog);
    if (table) return table;
  }
  if (problem === 'column' || problem === 'syntax') {
    const quote = unquotedColumn(e, sql, catalog);
    if (quote) return quote;
  }
  if ((problem === 'column' || problem === 'table') && e.missing) {
    const known = problem === 'column' ? columnsOf(sql, catalog) : catalog.map((t) => t.name);
    // The engine's candidates when it gave some (the near ones, else its own order), else the
    // catalog's near names.
    const near = closest(e.missing.name, e.candidates.length > 0 ? e.candidates : known);
    const names = near.length > 0 || e.candidates.length === 0 ? near : e.candidates.slice(0, 3);
    return names.length > 0 ? { kind: 'closest', what: problem, names } : null;
  }
  if (problem === 'function' && e.candidates.length > 0) return { kind: 'closest', what: 'function', names: e.candidates };
  return null;
}

/** A table's SQL name from how a person might type it (its file name, with or without the
 *  extension or quotes): the naming rule of CONTRACT.md, `Tiếp công dân 2022` → `tiep_cong_dan_2022`. */
export function sqlNameOf(typed: string): string {
  return tableNameFor(typed, []);
}

/** `FROM Tiếp công dân 2022` (a syntax error at `dân`) or `FROM "Tiếp công dân 2022"` (no such
 *  table): the words after the nearest FROM/JOIN before the error, up to the next keyword. */
function tableTypedAsFileName(e: EngineError, sql: string, catalog: CatalogTable[]): QueryHint | null {
  const names = new Set(catalog.map((t) => t.name));
  if (e.missing?.what === 'table') {
    const name = sqlNameOf(e.missing.name);
    if (names.has(name) && name !== e.missing.name) {
      const at = findName(sql, e.missing.name, e.position);
      if (at) return { kind: 'sqlName', typed: sql.slice(at.from, at.to), suggestion: name, ...at };
    }
  }
  if (e.position === null) return null;
  const before = sql.slice(0, Math.min(e.position + 1, sql.length));
  const clause = [...before.matchAll(/\b(from|join)\s+/gi)].at(-1);
  if (!clause) return null;
  const from = clause.index + clause[0].length;
  // The typed name runs over words and spaces until a keyword, punctuation or the line's end.
  const words = [...sql.slice(from).matchAll(/"[^"\n]*"|[\p{L}\p{N}_.-]+|[^\S\n]+|[\s\S]/gu)];
  let end = from;
  let best: { to: number; name: string } | null = null;
  for (const w of words) {
    const token = w[0];
    if (/^[^\S\n]+$/.test(token)) {
      end += token.length;
      continue;
    }
    if (!/^("|[\p{L}\p{N}_.-])/u.test(token) || KEYWORDS.has(token.toLowerCase())) break;
    end += token.length;
    const name = sqlNameOf(sql.slice(from, end));
    if (names.has(name)) best = { to: end, name };
  }
  if (!best) return null;
  const typed = sql.slice(from, best.to);
  if (typed === best.name) return null;
  return { kind: 'sqlName', typed, suggestion: best.name, from, to: best.to };
}

/** Where a name appears in the text, as typed or in quotes, nearest the engine's position. */
function findName(sql: string, name: string, position: number | null): { from: number; to: number } | null {
  const quoted = ident(name);
  for (const candidate of [quoted, name]) {
    const at = position !== null && sql.startsWith(candidate, position) ? position : sql.indexOf(candidate);
    if (at >= 0) return { from: at, to: at + candidate.length };
  }
  return null;
}

/** `SELECT Số lượt FROM t`: the text at the error position spells (give or take case and
 *  diacritics) a column whose name needs quotes; the longest such column wins. */
function unquotedColumn(e: EngineError, sql: string, catalog: CatalogTable[]): QueryHint | null {
  if (e.position === null || sql[e.position] === '"') return null;
  // The engine may point at the second word of the name (a syntax error there): start from
  // the beginning of the run of words the position is in.
  let start = e.position;
  while (start > 0 && /[\p{L}\p{N}_ ]/u.test(sql[start - 1]!) && !/(\b(select|from|by|where|and|or|on|as)|,)\s*$/i.test(sql.slice(0, start))) start--;
  while (sql[start] === ' ') start++;
  let best: QueryHint | null = null;
  for (const column of columnsOf(sql, catalog)) {
    if (!needsQuotes(column)) continue;
    for (const from of new Set([e.position, start])) {
      const to = from + column.length;
      const typed = sql.slice(from, to);
      if (foldKey(typed) !== foldKey(column) || WORD.test(sql[to] ?? '')) continue;
      if (!best || ('typed' in best && typed.length > best.typed.length)) best = { kind: 'quote', typed, suggestion: ident(column), from, to };
    }
  }
  return best;
}

const needsQuotes = (name: string) => !/^[a-z_][a-z0-9_]*$/.test(name);

/** Case, Unicode form and diacritics do not matter when comparing what was typed. */
const foldKey = (text: string) => foldVietnamese(text.normalize('NFC')).toLowerCase();

/** Columns of the tables the query names (every table's when it names none of them). */
function columnsOf(sql: string, catalog: CatalogTable[]): string[] {
  const lower = sql.toLowerCase();
  const named = catalog.filter((t) => new RegExp(`(^|[^a-z0-9_])${t.name}($|[^a-z0-9_])`).test(lower));
  return [...new Set((named.length > 0 ? named : catalog).flatMap((t) => t.columns.map((c) => c.name)))];
}

/** The names closest to `typed` by edit distance on folded names (case and diacritics do not
 *  count), at most three, and only those near enough to be a likely slip. */
export function closest(typed: string, names: string[]): string[] {
  const key = foldKey(typed);
  return [...new Set(names)]
    .map((name) => ({ name, d: editDistance(key, foldKey(name)) }))
    .filter((s) => s.d <= Math.max(2, Math.floor(key.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((s) => s.name);
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The word (or quoted name) at a position; at the very end, the last word (or character)
 *  before it — where the text stopped short. */
export function tokenAt(sql: string, position: number): { from: number; to: number } {
  let at = Math.min(position, sql.length);
  if (at >= sql.length) {
    let to = sql.length;
    while (to > 0 && /\s/.test(sql[to - 1]!)) to--;
    let from = to;
    while (from > 0 && WORD.test(sql[from - 1]!)) from--;
    return { from: from < to ? from : Math.max(0, to - 1), to };
  }
  if (sql[at] === '"') {
    const close = sql.indexOf('"', at + 1);
    return { from: at, to: close < 0 ? sql.length : close + 1 };
  }
  let to = at;
  while (to < sql.length && WORD.test(sql[to]!)) to++;
  return { from: at, to: Math.max(to, at + 1) };
}
