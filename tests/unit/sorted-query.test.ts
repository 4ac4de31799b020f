/** The SQL result sorted by the engine: the person's own query wrapped, only when it reads. */
import { describe, expect, it } from 'vitest';
import { canSort, sortedQuery } from '../../src/sql/sorted-query';
import { rows, useEngine } from '../helpers/engine';

const engine = useEngine();

describe('sorting a query result', () => {
  it('orders by a Vietnamese column, either way, NULLs last, and keeps a trailing comment inside', async () => {
    const sql = `SELECT * FROM (VALUES ('b', 2), ('a', NULL), ('c', 10)) t("Đơn vị", "Số người") -- ghi chú`;
    const by = async (descending: boolean) => (await rows(engine(), sortedQuery(sql, 'Số người', descending))).map((r) => r['Đơn vị']);
    expect(await by(false)).toEqual(['b', 'c', 'a']);
    expect(await by(true)).toEqual(['c', 'b', 'a']);
    expect(await rows(engine(), sortedQuery('SELECT 2 AS n UNION ALL SELECT 1;', 'n', false))).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('sorts only a single statement that reads', () => {
    expect(canSort('SELECT 1')).toBe(true);
    expect(canSort('CREATE TABLE x AS SELECT 1')).toBe(false);
    expect(canSort('SELECT 1); DROP TABLE x; SELECT * FROM (SELECT 1')).toBe(false);
    expect(() => sortedQuery('DELETE FROM x', 'a', false)).toThrow();
  });
});
