import { describe, expect, it } from 'vitest';
import { plainRows, plainRowsInTurns } from '../../src/results/columns';
import { useEngine } from '../helpers/engine';

const engine = useEngine();

describe('plainRows', () => {
  it('gives the same rows as Arrow’s row objects, over many batches, with NULLs, big integers, decimals and text', async () => {
    const { table } = await engine().query(
      `SELECT i, i::BIGINT * 1000000000 AS big, CASE WHEN i % 7 = 0 THEN NULL ELSE i / 3 END AS d, (i / 10)::DECIMAL(18,3) AS dec, 'Đơn vị ' || i AS name, i % 2 = 0 AS even
       FROM range(5000) t(i)`,
    );
    expect(table.batches.length).toBeGreaterThan(1);
    const expected = table.toArray().map((r) => r.toJSON());
    expect(plainRows(table)).toEqual(expected);
    expect(await plainRowsInTurns(table)).toEqual(expected);
  });

  it('read in turns, stops when cancelled between batches', async () => {
    const { table } = await engine().query(`SELECT i, repeat('x', 200) || i AS t FROM range(300000) t(i)`);
    const stop = new AbortController();
    const reading = plainRowsInTurns(table, stop.signal);
    stop.abort();
    await expect(reading).rejects.toThrow('cancelled');
  });
});
