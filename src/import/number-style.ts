/** Decides, from counts over every value of a text column, whether it holds numbers and in
 *  which style. Vietnamese style (`1.053`, `44,5`) wins where the values allow both readings,
 *  except for `1,053`-shaped values in a comma-separated file, which read as thousands. */

export interface StyleCounts {
  /** Non-empty values. */
  n: number;
  int: number;
  /** Values DuckDB itself parses as a number (`2.5`, `1e5`). */
  plain: number;
  viGroup: number;
  viDec: number;
  intlDec: number;
  intlGroup: number;
  /** Values like `1,053` that read as a Vietnamese decimal or an international thousand. */
  ambiguous: number;
}

export type NumberStyle =
  | { kind: 'text' }
  | { kind: 'integer' }
  | { kind: 'vi'; type: 'BIGINT' | 'DOUBLE' }
  | { kind: 'intl'; type: 'BIGINT' | 'DOUBLE' };

export function decideNumberStyle(c: StyleCounts, delimiter: string): NumberStyle {
  if (c.n === 0) return { kind: 'text' };
  if (c.int === c.n) return { kind: 'integer' };
  const viPossible = c.int + c.viGroup + c.viDec === c.n;
  const commaThousands = c.viDec > 0 && c.ambiguous === c.viDec && delimiter !== ';';
  if (viPossible && !commaThousands) {
    return { kind: 'vi', type: c.viDec > 0 ? 'DOUBLE' : 'BIGINT' };
  }
  if (c.int + c.intlGroup + c.intlDec >= c.n && c.intlGroup + c.intlDec > 0) {
    const onlyGroups = c.intlDec === 0 && c.ambiguous === c.intlGroup;
    return { kind: 'intl', type: onlyGroups ? 'BIGINT' : 'DOUBLE' };
  }
  if (c.plain === c.n) return { kind: 'intl', type: 'DOUBLE' };
  return { kind: 'text' };
}

/** A cheap first look on a sample: could this column be numbers written with separators? */
export function mayBeFormattedNumber(c: StyleCounts): boolean {
  const styled = c.viGroup + c.viDec + c.intlGroup;
  return c.n > 0 && styled > 0 && decideNumberStyle(c, ';').kind !== 'text';
}
