/** What a read-only share carries when the raw data is not asked for: the columns the
 *  dashboards' analyses read (their roles), never a column that looks personal, of the tables
 *  those analyses run on; and for each SQL block, its result instead of the tables it read.
 *  Pure: the persistence layer does the exporting. */
import type { ColumnInfo, TableInfo } from '../../engine/catalog';
import type { Dashboard } from '../../dashboards/dashboard';
import { kindOf, type SemanticModel } from '../../domain/semantic-model';
import { personalKind, type PersonalKind } from './personal-columns';

export interface SharedTable {
  name: string;
  rows: number;
  /** Columns carried. */
  columns: ColumnInfo[];
  /** Columns left out (no role in an analysis, or personal). */
  left: string[];
}

export interface SharedBlockResult {
  pageId: string;
  blockId: string;
  sql: string;
  /** The table its result is carried as. */
  table: string;
}

export interface PersonalColumn {
  table: string;
  column: string;
  kind: PersonalKind;
}

export interface SharePlan {
  tables: SharedTable[];
  blocks: SharedBlockResult[];
  /** Every personal-looking column of the workbook (what ticking "with data" would carry). */
  personal: PersonalColumn[];
}

const freeName = (base: string, taken: Set<string>) => {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
};

export function planShare(dashboard: Dashboard, model: SemanticModel, tables: TableInfo[]): SharePlan {
  const blocks = dashboard.pages.flatMap((p) => p.blocks.map((b) => ({ page: p, block: b })));
  const analyses = blocks.map(({ block }) => block.analysis).filter((a) => a !== undefined);
  // An unbound analysis picks its table when it runs, and "units with no record" looks for
  // units in every table: then every table the analyses could read goes.
  const everyTable = analyses.some((a) => a.table === null || a.view === 'missing');
  const wanted = new Set<string>(analyses.map((a) => a.table).filter((t): t is string => t !== null));
  const shared: SharedTable[] = [];
  for (const t of tables) {
    const kind = kindOf(model, t.name);
    // The units dictionary and the crosswalk travel in the model; their tables are names of
    // units, and keep the dictionary rebuildable.
    const needed = wanted.has(t.name) || kind === 'units' || kind === 'crosswalk' || (everyTable && kind === 'facts');
    if (!needed) continue;
    const roles = model.tables[t.name]?.roles ?? {};
    const columns = t.columns.filter((c) => (roles[c.name] ?? 'none') !== 'none' && !personalKind(c.name));
    if (columns.length === 0) continue;
    shared.push({ name: t.name, rows: t.rows, columns, left: t.columns.filter((c) => !columns.includes(c)).map((c) => c.name) });
  }
  const taken = new Set(tables.map((t) => t.name));
  const results = blocks
    .filter(({ block }) => block.kind === 'sql' && (block.sql ?? '').trim() !== '')
    .map(({ page, block }, i) => ({ pageId: page.id, blockId: block.id, sql: block.sql!, table: freeName(`ket_qua_khoi_${i + 1}`, taken) }));
  const personal = tables.flatMap((t) =>
    t.columns.flatMap((c) => {
      const kind = personalKind(c.name);
      return kind ? [{ table: t.name, column: c.name, kind }] : [];
    }),
  );
  return { tables: shared, blocks: results, personal };
}

/** The model as the share needs it: roles of the columns carried, for the tables carried. */
export function shareModel(model: SemanticModel, plan: SharePlan): SemanticModel {
  const tables: SemanticModel['tables'] = {};
  for (const t of plan.tables) {
    const known = model.tables[t.name];
    if (!known) continue;
    tables[t.name] = { ...known, roles: Object.fromEntries(t.columns.map((c) => [c.name, known.roles[c.name] ?? 'none'])) };
  }
  return { ...model, tables };
}
