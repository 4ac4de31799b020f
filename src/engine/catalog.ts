/** What tables the engine holds, read from the engine itself (it is the source of truth:
 *  tables created from the SQL editor appear here too). */
import type { Engine } from './engine';
import { DESCRIBE_TABLE, LIST_TABLES, countRows } from '../sql/statements';

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface TableInfo {
  name: string;
  rows: number;
  columns: ColumnInfo[];
}

export async function listTableNames(engine: Engine): Promise<string[]> {
  const result = await engine.run(LIST_TABLES);
  return result.toArray().map((r) => String(r.table_name));
}

export async function describeTable(engine: Engine, name: string): Promise<TableInfo> {
  const cols = await engine.run(DESCRIBE_TABLE, [name]);
  const count = await engine.run(countRows(name));
  return {
    name,
    rows: Number(count.get(0)?.n ?? 0),
    columns: cols.toArray().map((r) => ({ name: String(r.column_name), type: String(r.data_type) })),
  };
}

export async function listTables(engine: Engine): Promise<TableInfo[]> {
  const names = await listTableNames(engine);
  const out: TableInfo[] = [];
  for (const name of names) {
    // A table dropped meanwhile (by a query running at the same time) is simply not listed.
    const info = await describeTable(engine, name).catch(() => null);
    if (info) out.push(info);
  }
  return out;
}
