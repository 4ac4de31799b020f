/** The 2025 reform crosswalk: old unit → new unit, with the date it took effect. History can
 *  be rolled up onto today's units by following the chain of entries. */

export interface CrosswalkEntry {
  /** Unit ids of the dictionary. */
  from: string;
  to: string;
  /** ISO date `yyyy-mm-dd`. */
  effective: string;
}

/** The unit `id` became, following every entry in force on `asOf` (ISO date; default: all).
 *  A chain that loops (a data error) stops where it would repeat. */
export function currentUnit(id: string, crosswalk: readonly CrosswalkEntry[], asOf?: string): string {
  const next = new Map<string, string>();
  for (const e of crosswalk) if (!asOf || e.effective <= asOf) next.set(e.from, e.to);
  const seen = new Set([id]);
  let at = id;
  for (let to = next.get(at); to !== undefined && !seen.has(to); to = next.get(at)) {
    seen.add(to);
    at = to;
  }
  return at;
}

/** Year of an ISO date. */
export function effectiveYear(entry: CrosswalkEntry): number {
  return Number(entry.effective.slice(0, 4));
}

/** `01/03/2025`, `2025-03-01`, `2025` → ISO date, or null. */
export function parseEffectiveDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})$/.exec(s);
  if (m) return isoDate(Number(m[1]), 1, 1);
  return null;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
