/** The person's own query, ordered by one of its result columns: the sort of the SQL result
 *  is done by the engine (in its worker, on any number of rows) rather than in the page. Only a
 *  single read-only statement is wrapped (anything else would run its changes twice), and the
 *  newlines keep a trailing `--` comment inside the parentheses.
 *
 *  Text is put in Vietnamese order (`Đ` after `D`, before `E`; `Quý 2` before `Quý 10`).
 *  DuckDB-WASM orders VARCHAR by code point (`Đ` after `Z`). Its bundle (1.32) carries only the
 *  `nfc`, `noaccent` and `nocase` collations (`pragma_collations()`); `COLLATE vi` needs the icu
 *  extension, which is not in the bundle and would be fetched from a CDN (the app stays
 *  offline; in Node the statement waits on the fetch). So a text column is
 *  sorted in two steps: the engine lists the column's distinct values in its own (code-point)
 *  order, the page ranks them with the one vi collator (format/collate.ts), and the engine
 *  sorts every row by its value's rank. The ranks travel as one bound text of digits (position
 *  in the engine's list → rank), so no value needs escaping, and the whole result is ordered in
 *  the engine however many rows it has — not just the rows the grid has drawn. */
import { viCollator } from '../format/collate';
import { ident } from './quote';
import { looksReadOnly } from './read-only';

export function canSort(sql: string): boolean {
  return looksReadOnly(sql);
}

const inner = (sql: string) => {
  if (!canSort(sql)) throw new Error('only a read-only query can be sorted');
  return sql.trim().replace(/;\s*$/, '');
};

/** The engine's sort: numbers, dates and times by value, NULLs last. */
export function sortedQuery(sql: string, column: string, descending: boolean): string {
  return `SELECT * FROM (\n${inner(sql)}\n) ORDER BY ${ident(column)} ${descending ? 'DESC' : 'ASC'} NULLS LAST`;
}

/** The type of each result column, without running the query. */
export function describeQuery(sql: string): string {
  return `DESCRIBE SELECT * FROM (\n${inner(sql)}\n)`;
}

/** Types sorted through the vi collator (DuckDB's names as DESCRIBE gives them). */
export const isTextType = (type: string): boolean => /^(VARCHAR|ENUM)/i.test(type.trim());

/** The column's distinct values as text, in the engine's order (the positions `rankText`
 *  numbers). */
export function distinctTextQuery(sql: string, column: string): string {
  const c = ident(column);
  return `SELECT DISTINCT CAST(${c} AS VARCHAR) AS v FROM (\n${inner(sql)}\n) WHERE ${c} IS NOT NULL ORDER BY v`;
}

/** Vietnamese rank of each value of `values` (listed in the engine's order), as the text
 *  `ranked` binds: the rank of the n-th value at place n, comma-separated. */
export function rankText(values: readonly string[]): string {
  const order = values.map((_, i) => i).sort((a, b) => viCollator.compare(values[a]!, values[b]!) || a - b);
  const rank = new Array<number>(values.length);
  order.forEach((at, r) => (rank[at] = r + 1));
  return rank.join(',');
}

/** The query ordered by `column`'s Vietnamese rank. The result is computed once
 *  (MATERIALIZED), so the values ranked and the rows sorted are the same rows; the engine's
 *  order of the distinct values is the same as in `distinctTextQuery` (binary order of text). */
export function rankedQuery(sql: string, column: string, descending: boolean): string {
  const c = ident(column);
  return [
    `WITH __q AS MATERIALIZED (\n${inner(sql)}\n),`,
    `__k AS (SELECT v, CAST(string_split(CAST($1 AS VARCHAR), ',')[CAST(row_number() OVER (ORDER BY v) AS INTEGER)] AS INTEGER) AS r`,
    `  FROM (SELECT DISTINCT CAST(${c} AS VARCHAR) AS v FROM __q WHERE ${c} IS NOT NULL))`,
    `SELECT __q.* FROM __q LEFT JOIN __k ON CAST(__q.${c} AS VARCHAR) = __k.v ORDER BY __k.r ${descending ? 'DESC' : 'ASC'} NULLS LAST`,
  ].join('\n');
}
