/** Brings the semantic layer up to date with the engine's tables: proposes roles for new
 *  tables, reads units lists and crosswalk tables, matches every unit name and level value,
 *  and rebuilds the helper tables the analyses join with. */
import type { Engine } from '../engine/engine';
import type { TableInfo } from '../engine/catalog';
import { parseEffectiveDate, type CrosswalkEntry } from '../domain/crosswalk';
import { columnWith, columnsWith, proposeRoles, tableKind } from '../domain/roles';
import { levelMapRows, unitMapRows, type SemanticModel } from '../domain/semantic-model';
import { addUnit, addUnits, matchNames, mergeUnitList, unitKey, type UnitsDictionary } from '../domain/units';
import { CREATE_LEVEL_MAP, CREATE_UNIT_MAP, LEVEL_MAP, UNIT_MAP, distinctText, insertRows, insertUnitMap, sampleValues, selectAsText } from '../sql/semantic-tables';

export interface Unmatched {
  table: string;
  column: string;
  names: string[];
}

export interface SyncResult {
  model: SemanticModel;
  unmatched: Unmatched[];
  unknownLevels: { table: string; column: string; values: string[] }[];
  /** Crosswalk rows whose old unit matched nothing (shown to the user). */
  crosswalkProblems: string[];
  /** The unit or level map was rewritten (analyses reading them must be run again). */
  mapsChanged: boolean;
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

async function textRows(engine: Engine, table: string, columns: (string | null)[]): Promise<(string | null)[][]> {
  const result = await engine.run(selectAsText(table, columns));
  return result.toArray().map((r) => columns.map((_, i) => text((r as Record<string, unknown>)[`c${i}`])));
}

async function distinct(engine: Engine, table: string, column: string): Promise<string[]> {
  const result = await engine.run(distinctText(table, column));
  return result.toArray().map((r) => String((r as { v: unknown }).v));
}

/** Roles for a table seen for the first time (or whose columns changed since). */
async function propose(engine: Engine, table: TableInfo) {
  const names = table.columns.map((c) => c.name);
  const sample = (await engine.run(sampleValues(table.name, names))).get(0) as Record<string, unknown> | null;
  const samples = (i: number) => {
    const list = sample?.[`c${i}`] as { toArray(): unknown[] } | null | undefined;
    return list ? list.toArray().map((v) => String(v)) : [];
  };
  return proposeRoles(table.columns.map((c, i) => ({ name: c.name, type: c.type, samples: samples(i) })));
}

function sameColumns(roles: Record<string, unknown>, table: TableInfo): boolean {
  const names = Object.keys(roles);
  return names.length === table.columns.length && table.columns.every((c) => c.name in roles);
}

/** Reads a crosswalk table into entries; new units it names are added to the dictionary. */
function readCrosswalk(dict: UnitsDictionary, rows: (string | null)[][]): { dict: UnitsDictionary; entries: CrosswalkEntry[]; problems: string[] } {
  let out = dict;
  const entries: CrosswalkEntry[] = [];
  const problems: string[] = [];
  for (const [oldName, newName, date] of rows) {
    if (!oldName || !newName) continue;
    const effective = date ? parseEffectiveDate(date) : null;
    const old = matchNames(out, [oldName]).matched.get(oldName);
    if (!old) {
      problems.push(oldName);
      continue;
    }
    let target = matchNames(out, [newName]).matched.get(newName);
    if (!target) {
      const type = out.units.find((u) => u.id === old)?.type ?? null;
      out = addUnit(out, newName, type);
      target = out.units.at(-1)!.id;
    }
    if (target !== old) entries.push({ from: old, to: target, effective: effective ?? '1900-01-01' });
  }
  return { dict: out, entries, problems };
}

export async function syncSemantics(engine: Engine, tables: TableInfo[], previous: SemanticModel): Promise<SyncResult> {
  const model: SemanticModel = { ...previous, tables: {} };
  for (const table of tables) {
    const known = previous.tables[table.name];
    model.tables[table.name] = known && sameColumns(known.roles, table) ? known : { roles: await propose(engine, table), confirmed: false };
  }

  // Units lists first: their names (and codes) are the dictionary.
  let units = model.units;
  for (const [name, t] of Object.entries(model.tables)) {
    if (tableKind(t.roles) !== 'units') continue;
    const rows = await textRows(engine, name, [columnWith(t.roles, 'unitCode'), columnWith(t.roles, 'unit'), columnWith(t.roles, 'unitType')]);
    units = mergeUnitList(units, rows.filter((r) => r[1]).map(([code, unit, type]) => ({ code, name: unit!, type })));
  }

  // Fact tables: with no units list at all, the names found become the dictionary.
  const factNames: { table: string; column: string; names: string[]; type: string | null }[] = [];
  for (const [name, t] of Object.entries(model.tables)) {
    const unit = columnWith(t.roles, 'unit');
    if (tableKind(t.roles) !== 'facts' || !unit) continue;
    factNames.push({ table: name, column: unit, names: await distinct(engine, name, unit), type: null });
  }
  if (units.units.length === 0) {
    const seen = new Set<string>();
    const found: { name: string; type: null }[] = [];
    for (const f of factNames)
      for (const n of f.names) {
        const key = unitKey(n);
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ name: n, type: null });
      }
    units = addUnits(units, found);
  }

  // Crosswalk tables are read once; edits made in the app afterwards stay.
  const crosswalkProblems: string[] = [];
  let crosswalk = model.crosswalk;
  const crosswalkTables = [...model.crosswalkTables];
  for (const [name, t] of Object.entries(model.tables)) {
    if (tableKind(t.roles) !== 'crosswalk' || crosswalkTables.includes(name)) continue;
    const rows = await textRows(engine, name, [columnWith(t.roles, 'oldUnit'), columnWith(t.roles, 'newUnit'), columnWith(t.roles, 'effectiveDate')]);
    const read = readCrosswalk(units, rows);
    units = read.dict;
    crosswalk = [...crosswalk.filter((e) => !read.entries.some((n) => n.from === e.from)), ...read.entries];
    crosswalkProblems.push(...read.problems);
    crosswalkTables.push(name);
  }
  model.units = units;
  model.crosswalk = crosswalk;
  model.crosswalkTables = crosswalkTables;

  const matched = new Map<string, string>();
  const unmatched: Unmatched[] = [];
  for (const f of factNames) {
    const m = matchNames(units, f.names);
    for (const [raw, id] of m.matched) matched.set(raw, id);
    if (m.unmatched.length > 0) unmatched.push({ table: f.table, column: f.column, names: m.unmatched });
  }

  const levelValues: string[] = [];
  const unknownLevels: SyncResult['unknownLevels'] = [];
  for (const [name, t] of Object.entries(model.tables)) {
    for (const column of columnsWith(t.roles, 'level')) {
      const values = await distinct(engine, name, column);
      levelValues.push(...values);
      const { unknown } = levelMapRows(values);
      if (unknown.length > 0) unknownLevels.push({ table: name, column, values: unknown });
    }
  }

  const unitRows = unitMapRows(model, matched);
  const levelRows = levelMapRows(levelValues).rows;
  // The maps are rewritten only when what they hold changed: an unchanged sync leaves the
  // analyses' cached results valid.
  const written = JSON.stringify([unitRows, levelRows]);
  const mapsChanged = writtenMaps.get(engine) !== written;
  if (mapsChanged) {
    writtenMaps.delete(engine);
    await engine.run(CREATE_UNIT_MAP);
    for (const insert of insertUnitMap(unitRows)) await engine.run(insert.sql, insert.params);
    await engine.run(CREATE_LEVEL_MAP);
    for (const s of insertRows(LEVEL_MAP, ['raw', 'level_rank', 'level_name'], levelRows)) await engine.run(s.sql, s.params);
    writtenMaps.set(engine, written);
  }

  return { model, unmatched, unknownLevels, crosswalkProblems, mapsChanged };
}

/** What each engine's maps hold now (as written by the last sync). */
const writtenMaps = new WeakMap<Engine, string>();

/** A statement of the person's own may have changed the maps: the next sync writes them. */
export function forgetWrittenMaps(engine: Engine) {
  writtenMaps.delete(engine);
}
