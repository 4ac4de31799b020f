/** The person's own query, ordered by one of its result columns: the sort of the SQL result
 *  is done by the engine (in its worker, on any number of rows) rather than in the page. Only a
 *  single read-only statement is wrapped (anything else would run its changes twice), and the
 *  newlines keep a trailing `--` comment inside the parentheses. */
import { ident } from './quote';
import { looksReadOnly } from './read-only';

export function canSort(sql: string): boolean {
  return looksReadOnly(sql);
}

export function sortedQuery(sql: string, column: string, descending: boolean): string {
  if (!canSort(sql)) throw new Error('only a read-only query can be sorted');
  const inner = sql.trim().replace(/;\s*$/, '');
  return `SELECT * FROM (\n${inner}\n) ORDER BY ${ident(column)} ${descending ? 'DESC' : 'ASC'} NULLS LAST`;
}
