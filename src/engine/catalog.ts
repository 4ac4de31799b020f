/** What tables the engine holds, read from the engine itself (it is the source of truth:
 *  tables created from the SQL editor appear here too). */
import type { Engine } from './engine';
import { LIST_COLUMNS, LIST_TABLES, countRows, countRowsOf, describeTableColumns } from '../sql/statements';

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

/** One table's columns and rows. `DESCRIBE`, not the catalog's views: the first catalog query
 *  after a load costs the engine ~50 ms at a million rows, `DESCRIBE` a few. */
export async function describeTable(engine: Engine, name: string): Promise<TableInfo> {
  const cols = await engine.run(describeTableColumns(name));
  const count = await engine.run(countRows(name));
  return {
    name,
    rows: Number(count.get(0)?.n ?? 0),
    columns: cols.toArray().map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
  };
}

/** The listing with `info`'s table as just described, the others as they were listed, in the
 *  engine's order (LIST_TABLES: by name, hidden `__` tables left out). After an import, the app
 *  knows what it made: the catalog is not asked again for every table. */
export function withTable(tables: readonly TableInfo[], info: TableInfo): TableInfo[] {
  const others = tables.filter((t) => t.name !== info.name);
  if (info.name.startsWith('__')) return others;
  return [...others, info].sort((a, b) => byCodePoint(a.name, b.name));
}

/** The order of DuckDB's `ORDER BY` on text (UTF-8 bytes, which is code point order). */
function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export async function listTables(engine: Engine): Promise<TableInfo[]> {
  const names = await listTableNames(engine);
  if (names.length === 0) return [];
  // Three questions whatever the number of tables (one per table took ~100 ms at startup).
  try {
    const columns = new Map<string, ColumnInfo[]>(names.map((n) => [n, []]));
    for (const r of (await engine.run(LIST_COLUMNS)).toArray()) columns.get(String(r.table_name))?.push({ name: String(r.column_name), type: String(r.data_type) });
    const counts = new Map<number, number>();
    for (const r of (await engine.run(countRowsOf(names))).toArray()) counts.set(Number(r.i), Number(r.n));
    return names.map((name, i) => ({ name, rows: counts.get(i) ?? 0, columns: columns.get(name)! }));
  } catch {
    // A table dropped meanwhile (by a query running at the same time) is simply not listed.
    const out: TableInfo[] = [];
    for (const name of names) {
      const info = await describeTable(engine, name).catch(() => null);
      if (info) out.push(info);
    }
    return out;
  }
}
