/** A new file of the same report (next year's export of the same shape) added to the table a
 *  dashboard is bound to, instead of becoming a table of its own: how a dashboard grows by a
 *  year. Years the table already holds are refused, so nothing is counted twice. */
import { engineMessageLine } from '../sql/engine-error';
import type { Engine } from '../engine/engine';
import { describeTable, type TableInfo } from '../engine/catalog';
import { appendRows, dropTable, sharedValues } from '../sql/statements';
import { importFile, ImportError, type ImportOptions, type ImportResult, type ImportSource } from './import-file';
import type { ImportPlan } from './import-plan';
import { YEAR_COLUMN } from './year-series';

let appends = 0;

/** The tables a preview's columns can be added to: every column of the new file is one of
 *  theirs (by name), best match first. */
export function appendTargets(columns: string[], tables: TableInfo[]): string[] {
  return tables
    .map((t) => ({ name: t.name, names: new Set(t.columns.map((c) => c.name)) }))
    .filter((t) => columns.length > 0 && columns.every((c) => t.names.has(c)))
    .sort((a, b) => a.names.size - b.names.size || a.name.localeCompare(b.name))
    .map((t) => t.name);
}

export async function appendImport(engine: Engine, source: ImportSource, plan: ImportPlan & { appendTo: string }, options: ImportOptions): Promise<ImportResult> {
  const scratch = `__append_${++appends}`;
  const loaded = await importFile(engine, source, { ...plan, tableName: scratch }, options);
  try {
    const target = await describeTable(engine, plan.appendTo).catch(() => null);
    if (!target) throw new ImportError('append-gone', plan.fileName, plan.appendTo);
    const hasYear = (t: TableInfo) => t.columns.some((c) => c.name === YEAR_COLUMN);
    if (hasYear(target) && hasYear(loaded)) {
      const shared = (await engine.run(sharedValues(plan.appendTo, scratch, YEAR_COLUMN))).toArray().map((r) => String(r.v));
      if (shared.length > 0) throw new ImportError('append-years', plan.fileName, `${plan.appendTo}: ${shared.join(', ')}`);
    }
    try {
      await engine.run(appendRows(plan.appendTo, scratch));
    } catch (error) {
      throw new ImportError('append-failed', plan.fileName, `${plan.appendTo}: ${engineMessageLine(error)}`);
    }
    return { ...(await describeTable(engine, plan.appendTo)), report: { ...loaded.report, appendedRows: loaded.rows } };
  } finally {
    await engine.run(dropTable(scratch)).catch(() => undefined);
  }
}
