/** Content addressing rests on the engine writing the same Parquet bytes for the same table:
 *  then a table that did not change is one blob however many versions hold it. On the real
 *  engine (the Node build of the same DuckDB-WASM and parquet-wasm the browser uses). */
import { describe, expect, it } from 'vitest';
import { selectAll } from '../../src/sql/statements';
import { contentHash } from '../../src/workbook/versions/content-hash';
import { useEngine } from '../helpers/engine';

const engine = useEngine();

describe('table blobs on the real engine', () => {
  it('exports an unchanged table to the same bytes, and a changed one to different bytes', async () => {
    const e = engine();
    await e.run(`CREATE TABLE t AS SELECT i AS n, 'Đơn vị ' || i AS "Tên", i / 7.0 AS r, DATE '2024-01-01' + i::INTEGER AS d FROM range(600000) x(i)`);
    const hashes = async () => Promise.all((await e.exportParquetParts(selectAll('t'))).map(contentHash));
    const first = await hashes();
    expect(first.length).toBeGreaterThan(1);
    expect(await hashes()).toEqual(first);
    // One row of the last part changes: only that part's blob differs.
    await e.run(`UPDATE t SET "Tên" = 'đã sửa' WHERE n = 599999`);
    const changed = await hashes();
    expect(changed.slice(0, -1)).toEqual(first.slice(0, -1));
    expect(changed.at(-1)).not.toBe(first.at(-1));
  });
});
