import { describe, expect, it } from 'vitest';
import { alterColumnType, columnValueProfile, deleteRowsUnless, ident, isEmptyRow } from '../../src/sql';
import { TOTAL_LABELS } from '../../src/import/layout';
import { rows, useEngine } from '../helpers/engine';

const engine = useEngine();

describe('SQL of the CSV staging table', () => {
  it('finds an empty line as a COALESCE of every trimmed cell would (NULL, empty, spaces of any kind)', async () => {
    await engine().run(`CREATE OR REPLACE TABLE e AS SELECT * FROM (VALUES (NULL, NULL), ('', NULL), ('  ', '\u00a0'), ('x', NULL), (NULL, ' y'), ('', '0')) t(a, b)`);
    const coalesced = `(coalesce(nullif(trim(CAST(a AS VARCHAR)), ''), nullif(trim(CAST(b AS VARCHAR)), '')) IS NULL)`;
    const found = await rows(engine(), `SELECT ${isEmptyRow(['a', 'b'])} AS x, ${coalesced} AS y FROM e`);
    expect(found.map((r) => r.x)).toEqual([true, true, true, false, false, false]);
    expect(found.map((r) => r.x)).toEqual(found.map((r) => r.y));
  });

  it('deletes the rows a WHERE would leave out, NULL included', async () => {
    await engine().run(`CREATE OR REPLACE TABLE d AS SELECT * FROM (VALUES (1), (2), (NULL)) t(n)`);
    await engine().run(deleteRowsUnless('d', 'n > 1'));
    expect((await rows(engine(), 'SELECT n FROM d')).map((r) => r.n)).toEqual([2]);
  });

  it('retypes a column only with a type name the engine gave', () => {
    expect(alterColumnType('t', 'c', 'DECIMAL(18,3)', 'x')).toContain('SET DATA TYPE DECIMAL(18,3) USING x');
    expect(() => alterColumnType('t', 'c', 'BIGINT; DROP TABLE t', 'x')).toThrow();
  });

  it('profiles each column over its distinct values, counting rows', async () => {
    await engine().run(`CREATE OR REPLACE TABLE p AS SELECT * FROM (VALUES ('1.053', 'Tổng cộng'), ('12', 'Xã A'), ('12', 'Xã A'), (' 7 ', NULL), (NULL, 'Cộng:')) t(n, u)`);
    const specs = [
      { name: 'n', from: ident('p'), shaped: true, label: false },
      { name: 'u', from: ident('p'), shaped: false, label: true },
    ];
    const out = await rows(engine(), `SELECT c, k, sum(n)::INT AS n, sum(untrimmed)::INT AS untrimmed, sum(blank)::INT AS blank, sum(label)::INT AS label FROM (${columnValueProfile(specs, TOTAL_LABELS)}) GROUP BY ALL ORDER BY c, k`);
    expect(out).toEqual([
      { c: 0, k: 'dotGroups', n: 1, untrimmed: 0, blank: 0, label: 0 },
      { c: 0, k: 'empty', n: 1, untrimmed: 0, blank: 1, label: 0 },
      { c: 0, k: 'int', n: 3, untrimmed: 1, blank: 0, label: 0 },
      { c: 1, k: null, n: 5, untrimmed: 0, blank: 1, label: 2 },
    ]);
  });
});
