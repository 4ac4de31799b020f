/** The workbook's units dictionary: one entry per unit, whatever each file calls it.
 *  Names are matched after normalising (NFC, case, spacing, diacritics, prefixes such as
 *  `UBND`, `Huyện`, `H.`, `TP.`, `Thị xã`); what does not match one unit for sure is left for
 *  the user to map or add, never guessed. */
import { wordsKey } from './text-key';

export interface Unit {
  id: string;
  name: string;
  type: string | null;
  /** `Tên ngắn`: what chart axes show instead of the full name (`Sở LĐ-TB&XH`). Optional:
   *  workbooks saved before it existed have none. */
  short?: string;
}

export interface UnitsDictionary {
  units: Unit[];
  /** A name as written in some file (NFC) → the unit it means, as confirmed by the user. */
  aliases: Record<string, string>;
}

export const emptyDictionary = (): UnitsDictionary => ({ units: [], aliases: {} });

/** Administrative prefixes that say what kind of unit it is, not which one (longest first). */
const PREFIXES = [
  'uy ban nhan dan',
  'ubnd',
  'thanh pho',
  'thi xa',
  'thi tran',
  'huyen',
  'quan',
  'phuong',
  'xa',
  'tp',
  'tx',
  'tt',
  'h',
  'q',
  'p',
];

/** `UBND huyện Điện Biên Đông`, `H. Điện Biên Đông`, `huyen dien bien dong` → `dien bien dong`.
 *  `Văn phòng Ủy ban nhân dân tỉnh` and `Văn phòng UBND tỉnh` give the same key too. */
export function unitKey(name: string): string {
  let key = ` ${wordsKey(name)} `.replace(/ uy ban nhan dan /g, ' ubnd ');
  key = key.trim();
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const p of PREFIXES) {
      // Only a whole leading word, and never the whole name (`Huyện` alone stays `huyen`).
      if (key.startsWith(`${p} `) && key.length > p.length + 1) {
        key = key.slice(p.length + 1);
        stripped = true;
        break;
      }
    }
  }
  return key;
}

/** Keys that point to exactly one unit; a key two units share matches neither. */
function keyIndex(dict: UnitsDictionary): Map<string, string | null> {
  const index = new Map<string, string | null>();
  const add = (key: string, id: string) => {
    const seen = index.get(key);
    if (seen === undefined) index.set(key, id);
    else if (seen !== id) index.set(key, null);
  };
  for (const u of dict.units) add(unitKey(u.name), u.id);
  for (const [alias, id] of Object.entries(dict.aliases)) add(unitKey(alias), id);
  return index;
}

export interface NameMatches {
  /** Name as written → unit id. */
  matched: Map<string, string>;
  /** Names that match no unit, or more than one. */
  unmatched: string[];
}

export function matchNames(dict: UnitsDictionary, names: Iterable<string>): NameMatches {
  const index = keyIndex(dict);
  const known = new Set(dict.units.map((u) => u.id));
  // Each name's units, so every name is looked up once (linear in names and units).
  const byName = new Map<string, string[]>();
  for (const u of dict.units) byName.set(u.name, [...(byName.get(u.name) ?? []), u.id]);
  const matched = new Map<string, string>();
  const unmatched: string[] = [];
  for (const raw of names) {
    const name = raw.normalize('NFC');
    const alias = dict.aliases[name];
    // A confirmed alias first, then the exact name, then the normalised key.
    const exact = byName.get(name) ?? [];
    const id = alias !== undefined && known.has(alias) ? alias : exact.length === 1 ? exact[0]! : index.get(unitKey(name));
    if (id) matched.set(raw, id);
    else unmatched.push(raw);
  }
  return { matched, unmatched };
}

/** A fresh id for a unit named `name` that does not collide with existing ones. */
export function newUnitId(dict: UnitsDictionary, name: string): string {
  const base = `u:${unitKey(name) || 'don vi'}`;
  const ids = new Set(dict.units.map((u) => u.id));
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base} ${n}`;
  return id;
}

export function addUnit(dict: UnitsDictionary, name: string, type: string | null, id?: string): UnitsDictionary {
  const unit = { id: id ?? newUnitId(dict, name), name: name.normalize('NFC').trim(), type };
  return { units: [...dict.units, unit], aliases: dict.aliases };
}

/** The user says: this name means that unit. */
export function addAlias(dict: UnitsDictionary, name: string, id: string): UnitsDictionary {
  return { units: dict.units, aliases: { ...dict.aliases, [name.normalize('NFC')]: id } };
}

export function unitById(dict: UnitsDictionary, id: string): Unit | undefined {
  return dict.units.find((u) => u.id === id);
}

/** Units from a units table (code, name, type): the code is the id when there is one.
 *  Units already in the dictionary (same id or same name) are kept as they are. */
export function mergeUnitList(dict: UnitsDictionary, rows: { code: string | null; name: string; type: string | null }[]): UnitsDictionary {
  return addUnits(
    dict,
    rows.map((row) => ({ name: row.name, type: row.type?.normalize('NFC').trim() || null, id: row.code ? `code:${row.code.trim()}` : undefined })),
  );
}

/** Adds many units at once (ids and names already present are skipped; fresh ids as
 *  `newUnitId` makes them), in time linear in the dictionary and the rows. */
export function addUnits(dict: UnitsDictionary, rows: { name: string; type: string | null; id?: string }[]): UnitsDictionary {
  const units = [...dict.units];
  const ids = new Set(units.map((u) => u.id));
  const names = new Set(units.map((u) => u.name));
  for (const row of rows) {
    const name = row.name.normalize('NFC').trim();
    if (!name || names.has(name) || (row.id && ids.has(row.id))) continue;
    let id = row.id;
    if (!id) {
      const base = `u:${unitKey(name) || 'don vi'}`;
      id = base;
      for (let n = 2; ids.has(id); n++) id = `${base} ${n}`;
    }
    units.push({ id, name, type: row.type });
    ids.add(id);
    names.add(name);
  }
  return { units, aliases: dict.aliases };
}

/** Sets (or, empty, removes) a unit's short name. */
export function setShortName(dict: UnitsDictionary, id: string, short: string): UnitsDictionary {
  const text = short.normalize('NFC').trim().replace(/\s+/g, ' ');
  return {
    units: dict.units.map((u) => {
      if (u.id !== id) return u;
      const { short: _old, ...rest } = u;
      return text ? { ...rest, short: text } : rest;
    }),
    aliases: dict.aliases,
  };
}

/** Every name a chart may show for a unit (its dictionary name and the names confirmed as
 *  its aliases) → its short name, for the units that have one. */
export function shortNames(dict: UnitsDictionary): Map<string, string> {
  const out = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const u of dict.units) {
    if (typeof u.short !== 'string' || !u.short.trim()) continue;
    byId.set(u.id, u.short);
    out.set(u.name, u.short);
  }
  for (const [alias, id] of Object.entries(dict.aliases)) {
    const short = byId.get(id);
    if (short && !out.has(alias)) out.set(alias, short);
  }
  return out;
}
