/** The sample workbook as a workbook file, made when the app is built (vite.config.ts) from the
 *  CSVs in data-samples/ by the same import, semantic sync and sample dashboard as the app uses:
 *  a first visit then opens ready tables instead of importing five files (seconds less before
 *  the first view). Runs on the Node engine at build time; nothing here is bundled. */
import type { Engine } from '../engine/engine';
import { listTables } from '../engine/catalog';
import { fromBytes, importFile } from '../import/import-file';
import type { TableOrigin } from '../import/import-plan';
import { tableOrigin } from '../import/table-origin';
import { syncSemantics } from '../analyses/semantic-sync';
import { bound } from '../analyses/catalogue';
import { emptyModel } from '../domain/semantic-model';
import { bindBlocks } from '../dashboards/dashboard';
import { sampleDashboard } from './sample-dashboard';
import { defaultChoices } from './choices';
import { storeTable } from './table-storage';
import { packTables, type PackedTable } from './workbook-file';

export async function buildSampleWorkbook(engine: Engine, files: { name: string; bytes: Uint8Array }[], sql: string): Promise<Uint8Array> {
  const origins: Record<string, TableOrigin> = {};
  for (const f of files) {
    const { name, report } = await importFile(engine, fromBytes(f.name, f.bytes));
    origins[name] = tableOrigin(f.name, report);
  }
  const tables = await listTables(engine);
  const { model } = await syncSemantics(engine, tables, emptyModel());
  const packed: PackedTable[] = [];
  const storedTypes: Record<string, Record<string, string>> = {};
  for (const t of tables) {
    const s = await storeTable(engine, t);
    packed.push({ name: t.name, rows: t.rows, parts: s.parts });
    if (Object.keys(s.types).length > 0) storedTypes[t.name] = s.types;
  }
  const content = { semantics: model, presets: {}, sql, dashboard: bindBlocks(sampleDashboard(), (o) => bound(o, model)), choices: defaultChoices(), origins, storedTypes };
  // A fixed date: the file depends on its sources only.
  return packTables(packed, content, false, new Date(0));
}
