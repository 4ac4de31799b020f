/** Builds a figures-only share (see share-plan.ts): the carried columns of each table, and each
 *  SQL block's result as a table of its own, the block then reading that table. A block whose
 *  SQL does not read (by DuckDB's own parser) carries no result and stays refused on opening. */
import type { Engine } from '../../engine/engine';
import type { Dashboard } from '../../dashboards/dashboard';
import type { TableOrigin } from '../../import/import-plan';
import { describeTable } from '../../engine/catalog';
import { createTableFromQuery, dropTable, selectAll } from '../../sql/statements';
import { refusedStatement } from '../../sql/statement-kind';
import type { SemanticModel } from '../../domain/semantic-model';
import { storeTable } from '../table-storage';
import { shareModel, type SharePlan } from './share-plan';

export interface PackedShare {
  tables: { name: string; rows: number; parts: Uint8Array[]; types: Record<string, string> }[];
  dashboard: Dashboard;
  semantics: SemanticModel;
  origins: Record<string, TableOrigin>;
}

export async function packShare(engine: Engine, plan: SharePlan, dashboard: Dashboard, model: SemanticModel, origins: Record<string, TableOrigin>): Promise<PackedShare> {
  const tables: PackedShare['tables'] = [];
  for (const t of plan.tables) {
    const stored = await storeTable(engine, { name: t.name, rows: t.rows, columns: t.columns });
    tables.push({ name: t.name, rows: t.rows, parts: stored.parts, types: stored.types });
  }
  const carried = new Map<string, string>();
  for (const b of plan.blocks) {
    if (refusedStatement(b.sql) || !(await engine.isReadOnly(b.sql))) continue;
    // Made under a hidden name (`__`: never listed, never autosaved), exported, dropped.
    const scratch = `__share_${b.table}`;
    try {
      await engine.run(createTableFromQuery(scratch, b.sql));
      const info = await describeTable(engine, scratch);
      const stored = await storeTable(engine, info);
      tables.push({ name: b.table, rows: info.rows, parts: stored.parts, types: stored.types });
      carried.set(b.blockId, b.table);
    } catch {
      // A block that fails here fails when shown too (it says why there); the file is saved.
    } finally {
      await engine.run(dropTable(scratch)).catch(() => undefined);
    }
  }
  const shared = {
    pages: dashboard.pages.map((p) => ({ ...p, blocks: p.blocks.map((b) => (carried.has(b.id) ? { ...b, sql: selectAll(carried.get(b.id)!) } : b)) })),
  };
  const names = new Set(plan.tables.map((t) => t.name));
  return {
    tables,
    dashboard: shared,
    semantics: shareModel(model, plan),
    origins: Object.fromEntries(Object.entries(origins).filter(([name]) => names.has(name))),
  };
}
