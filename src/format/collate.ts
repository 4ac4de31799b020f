/** Vietnamese order, one comparator for every list, filter, axis and table: `Đ` after `D` and
 *  before `E`, `Ă`/`Â` after `A`, tones after the bare letter, numbers by value (`Quý 2` before
 *  `Quý 10`). The engine orders text by code point (`Đ` after `V`), so names are ordered here. */
export const viCollator = new Intl.Collator('vi', { numeric: true, sensitivity: 'variant' });

export const compareVi = (a: string, b: string): number => viCollator.compare(a, b);

/** Any two cell values: nulls last, numbers (and bigints) by value, text in Vietnamese order. */
export function compareValues(a: unknown, b: unknown): number {
  const na = a === null || a === undefined;
  const nb = b === null || b === undefined;
  if (na || nb) return na === nb ? 0 : na ? 1 : -1;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return compareVi(String(a), String(b));
}
