/** Tables compressed after a large import: the memory they hold falls, every value stays, and
 *  small workbooks are left alone. */
import { describe, expect, it } from 'vitest';
import { fromBytes, importFile } from '../../src/import/import-file';
import { rows, useEngine } from '../helpers/engine';

const engine = useEngine();
const used = async () => (await engine().memory()).usedBytes;

describe('compressing the engine’s tables', () => {
  it('compresses only past the threshold, and keeps every value', async () => {
    // Loaded the way a Parquet file is (batches handed to the engine), which leaves it uncompressed.
    const bytes = await engine().exportParquet(`SELECT i, 'Xã Đông Hòa ' || (i % 900) AS unit, (i % 97)::DOUBLE AS v FROM range(600000) AS r(i)`);
    const { name } = await importFile(engine(), fromBytes('lon.parquet', bytes));
    const digest = async () => (await rows(engine(), `SELECT count(*) AS n, sum(hash(i, unit, v)) AS h FROM "${name}"`))[0];
    const before = await used();
    const values = await digest();
    expect(await engine().compressTables(before * 2)).toBe(false);
    expect(await used()).toBe(before);
    expect(await engine().compressTables(0)).toBe(true);
    expect(await used()).toBeLessThan(before / 2);
    expect(await digest()).toEqual(values);
    // Still a table like any other: rows added, queried.
    await rows(engine(), `INSERT INTO "${name}" SELECT i, 'Phường 1', 1 FROM range(10) AS r(i)`);
    expect(Number((await digest())!.n)).toBe(600010);
  });
});
