/** Decides, from counts over every value of a text column, whether it holds numbers (or
 *  dd/mm/yyyy dates) and in which style. Vietnamese style (`1.053`, `44,5`, `12,5%`, `3,1 tỷ`)
 *  wins where the values allow both readings, except for `1,053`-shaped values in a
 *  comma-separated file, which read as international thousands. */

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
  /** Numbers followed by `%`, `tỷ`, `triệu`, `nghìn`. */
  suffixed: number;
  /** `dd/mm/yyyy` dates. */
  dmy: number;
}

export type NumberStyle =
  | { kind: 'text' }
  | { kind: 'integer' }
  | { kind: 'date' }
  | { kind: 'vi'; type: 'BIGINT' | 'DOUBLE'; suffixes: boolean }
  | { kind: 'intl'; type: 'BIGINT' | 'DOUBLE' };

/** What the user may force for a column in the preview. */
export type StyleChoice = 'auto' | 'vi' | 'intl' | 'text' | 'date';
export const STYLE_CHOICES: StyleChoice[] = ['auto', 'vi', 'intl', 'date', 'text'];

export function forcedStyle(choice: StyleChoice): NumberStyle | null {
  switch (choice) {
    case 'vi':
      return { kind: 'vi', type: 'DOUBLE', suffixes: true };
    case 'intl':
      return { kind: 'intl', type: 'DOUBLE' };
    case 'text':
      return { kind: 'text' };
    case 'date':
      return { kind: 'date' };
    default:
      return null;
  }
}

/** Counts per value shape (the classes of sql `valueShape`), as the profile returns them.
 *  `dotGroups`: one `.` group (`1.053`, thousands or a decimal); `dotGroupsMany`: two or more
 *  (`12.500.000`), thousands only: no international number has two points. */
export type ShapeCounts = Partial<Record<'empty' | 'int' | 'dotGroups' | 'dotGroupsMany' | 'dotDecimal' | 'commaGroups' | 'commaDecimal' | 'commaGroupsDotDecimal' | 'suffixed' | 'dmy' | 'plain' | 'other', number>>;

/** Exclusive shapes → the overlapping readings each style accepts. */
export function countsFromShapes(s: ShapeCounts): StyleCounts {
  const g = (k: keyof ShapeCounts) => s[k] ?? 0;
  return {
    n: g('int') + g('dotGroups') + g('dotGroupsMany') + g('dotDecimal') + g('commaGroups') + g('commaDecimal') + g('commaGroupsDotDecimal') + g('suffixed') + g('dmy') + g('plain') + g('other'),
    int: g('int'),
    plain: g('int') + g('dotGroups') + g('dotDecimal') + g('plain'),
    viGroup: g('dotGroups') + g('dotGroupsMany'),
    viDec: g('commaGroups') + g('commaDecimal'),
    intlDec: g('dotGroups') + g('dotDecimal'),
    intlGroup: g('commaGroups') + g('commaGroupsDotDecimal'),
    ambiguous: g('commaGroups'),
    suffixed: g('suffixed'),
    dmy: g('dmy'),
  };
}

export function decideNumberStyle(c: StyleCounts, delimiter: string): NumberStyle {
  if (c.n === 0) return { kind: 'text' };
  if (c.dmy === c.n) return { kind: 'date' };
  if (c.int === c.n) return { kind: 'integer' };
  const viPossible = c.int + c.viGroup + c.viDec + c.suffixed === c.n;
  const commaThousands = c.viDec > 0 && c.ambiguous === c.viDec && delimiter !== ';' && c.suffixed === 0;
  if (viPossible && !commaThousands) {
    const fractional = c.viDec > 0 || c.suffixed > 0;
    return { kind: 'vi', type: fractional ? 'DOUBLE' : 'BIGINT', suffixes: c.suffixed > 0 };
  }
  if (c.int + c.intlGroup + c.intlDec >= c.n && c.intlGroup + c.intlDec > 0) {
    const onlyGroups = c.intlDec === 0 && c.ambiguous === c.intlGroup;
    return { kind: 'intl', type: onlyGroups ? 'BIGINT' : 'DOUBLE' };
  }
  if (c.plain === c.n) return { kind: 'intl', type: 'DOUBLE' };
  return { kind: 'text' };
}

/** A cheap first look on a sample: could this text column be formatted numbers or dates? */
export function mayBeFormattedNumber(c: StyleCounts): boolean {
  const styled = c.viGroup + c.viDec + c.intlGroup + c.suffixed + c.dmy;
  return c.n > 0 && styled > 0 && decideNumberStyle(c, ';').kind !== 'text';
}
