/** SQL over a report loaded with its bookkeeping columns (which line each row was, its kind,
 *  the sections it sits in): the check of the file's own totals, and the final table of units. */
import { ident } from './quote';

/** Bookkeeping columns the import adds to a report's rows, dropped from the final table. */
export const BODY_COLUMNS = { kind: '__kind', row: '__row', scope: '__scope', scopes: '__scopes' } as const;
export const BODY_COLUMN_NAMES: string[] = Object.values(BODY_COLUMNS);

/** One row per total, subtotal or section line carrying figures: for each measure the file's
 *  figure (`f<i>`) and the sum of the units it covers (`u<i>`), with the units' count and
 *  first and last line. */
export function reconcileTotals(table: string, measures: string[]): string {
  const k = ident(BODY_COLUMNS.kind);
  const row = ident(BODY_COLUMNS.row);
  const scope = ident(BODY_COLUMNS.scope);
  const scopes = ident(BODY_COLUMNS.scopes);
  const figures = measures.flatMap((m, i) => [`any_value(t.${ident(m)})::DOUBLE AS "f${i}"`, `sum(u.${ident(m)})::DOUBLE AS "u${i}"`]);
  return `SELECT t.${row} AS line, any_value(t.${k}) AS kind, count(u.${row}) AS units, min(u.${row}) AS first_unit, max(u.${row}) AS last_unit${
    figures.length > 0 ? `, ${figures.join(', ')}` : ''
  }
FROM ${ident(table)} t LEFT JOIN ${ident(table)} u
  ON u.${k} = 'unit' AND (t.${scope} IS NULL OR contains(u.${scopes}, '|' || CAST(t.${scope} AS VARCHAR) || '|'))
WHERE t.${k} IN ('total', 'subtotal', 'section')
GROUP BY t.${row} ORDER BY t.${row}`;
}

/** The units only, first the columns named in `leading` (year, sections), without bookkeeping. */
export function unitsOnly(target: string, source: string, leading: string[]): string {
  const excluded = [...leading, ...BODY_COLUMN_NAMES].map(ident).join(', ');
  const first = leading.map(ident).join(', ');
  return `CREATE TABLE ${ident(target)} AS SELECT ${first ? `${first}, ` : ''}* EXCLUDE (${excluded}) FROM ${ident(source)} WHERE ${ident(BODY_COLUMNS.kind)} = 'unit'`;
}
