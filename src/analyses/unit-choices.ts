/** Which units a filter lists. A province has a few dozen units, but a table of a million rows
 *  can name thousands (every commune): a list of 9,000 choices is of no use to a person, and it
 *  made every redraw of the page lay out 9,000 options. Past `UNITS_LISTED` the list shows the
 *  units chosen and those whose names contain the words typed. */
import { wordsKey } from '../domain/text-key';

export const UNITS_LISTED = 200;

export interface UnitChoice {
  key: string;
  label: string;
}

/** Search keys of the units: the name without tones, case or punctuation. Each name's key is
 *  made once and kept (a page's lists are made again on every change of its filters). */
export function unitSearchKeys(units: readonly UnitChoice[]): string[] {
  if (searchKeys.size > MAX_KEPT_KEYS) searchKeys.clear();
  return units.map((u) => {
    let key = searchKeys.get(u.label);
    if (key === undefined) searchKeys.set(u.label, (key = wordsKey(u.label)));
    return key;
  });
}

const searchKeys = new Map<string, string>();
const MAX_KEPT_KEYS = 200_000;

/** The units listed, in the list's own order: every chosen unit, then the others matching
 *  `typed` (each of its words found in the name, tones and case aside) up to `max` in all.
 *  `matches`: how many units match `typed`, chosen ones included. */
export function listedUnits(units: readonly UnitChoice[], keys: readonly string[], chosen: readonly string[], typed: string, max = UNITS_LISTED): { listed: UnitChoice[]; matches: number } {
  const words = wordsKey(typed).split(' ').filter(Boolean);
  const picked = new Set(chosen);
  const matching = (i: number) => words.every((w) => keys[i]!.includes(w));
  let room = Math.max(0, max - units.filter((u) => picked.has(u.key)).length);
  let matches = 0;
  const listed: UnitChoice[] = [];
  units.forEach((u, i) => {
    const match = matching(i);
    if (match) matches++;
    if (picked.has(u.key)) listed.push(u);
    else if (match && room > 0) {
      listed.push(u);
      room--;
    }
  });
  return { listed, matches };
}
