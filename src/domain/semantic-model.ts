/** Everything the workbook knows about what its data means: the roles of each table's
 *  columns, the units dictionary and the reform crosswalk. Plain JSON, saved with the
 *  workbook; the functions here are pure. */
import type { FactSource } from '../sql/analysis';
import type { LevelMapRow, UnitMapRow } from '../sql/semantic-tables';
import { levelOf } from './classification';
import { currentUnit, type CrosswalkEntry } from './crosswalk';
import { columnWith, tableKind, type TableKind, type TableRoles } from './roles';
import { emptyDictionary, unitById, type UnitsDictionary } from './units';

export interface TableSemantics {
  roles: TableRoles;
  /** The user looked at the proposal and confirmed or edited it. */
  confirmed: boolean;
}

export interface SemanticModel {
  version: 1;
  tables: Record<string, TableSemantics>;
  units: UnitsDictionary;
  crosswalk: CrosswalkEntry[];
  /** Crosswalk tables already read in (edits made afterwards are not overwritten). */
  crosswalkTables: string[];
}

export const emptyModel = (): SemanticModel => ({ version: 1, tables: {}, units: emptyDictionary(), crosswalk: [], crosswalkTables: [] });

/** A saved model, or an empty one when the text is missing or not a model. */
export function parseModel(text: string | null): SemanticModel {
  if (!text) return emptyModel();
  try {
    const m = JSON.parse(text) as Partial<SemanticModel>;
    if (m.version !== 1 || typeof m.tables !== 'object' || !m.units || !Array.isArray(m.units.units)) return emptyModel();
    return { ...emptyModel(), ...m } as SemanticModel;
  } catch {
    return emptyModel();
  }
}

export function kindOf(model: SemanticModel, table: string): TableKind {
  const t = model.tables[table];
  return t ? tableKind(t.roles) : 'other';
}

/** The table's columns by role, as the analysis SQL needs them. */
export function factSource(model: SemanticModel, table: string): FactSource | null {
  const t = model.tables[table];
  if (!t) return null;
  const r = t.roles;
  return {
    table,
    year: columnWith(r, 'year'),
    period: columnWith(r, 'quarter') ?? columnWith(r, 'month'),
    unit: columnWith(r, 'unit'),
    unitType: columnWith(r, 'unitType'),
    category: columnWith(r, 'category'),
    level: columnWith(r, 'level'),
  };
}

/** Every name as written → its unit, and the unit it is today (through the crosswalk, as of
 *  `asOf`). Each unit's own dictionary name is included, so crosswalk targets resolve too. */
export function unitMapRows(model: SemanticModel, matched: Map<string, string>, asOf?: string): UnitMapRow[] {
  const rows = new Map<string, UnitMapRow>();
  const byId = new Map(model.units.units.map((u) => [u.id, u]));
  const add = (raw: string, id: string) => {
    const unit = byId.get(id);
    if (!unit || rows.has(raw)) return;
    const now = byId.get(currentUnit(id, model.crosswalk, asOf)) ?? unit;
    rows.set(raw, { raw, unit_id: unit.id, unit_name: unit.name, unit_type: unit.type, current_id: now.id, current_name: now.name, current_type: now.type ?? unit.type });
  };
  for (const [raw, id] of matched) add(raw, id);
  for (const u of model.units.units) add(u.name, u.id);
  return [...rows.values()];
}

export interface LevelMatches {
  rows: LevelMapRow[];
  unknown: string[];
}

export function levelMapRows(values: Iterable<string>): LevelMatches {
  const rows: LevelMapRow[] = [];
  const unknown: string[] = [];
  for (const raw of new Set(values)) {
    const level = levelOf(raw);
    if (level) rows.push({ raw, level_rank: level.rank, level_name: level.name });
    else unknown.push(raw);
  }
  return { rows, unknown };
}
