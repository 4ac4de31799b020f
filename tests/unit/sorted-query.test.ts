/** The SQL result sorted by the engine: the person's own query wrapped, only when it reads. */
import { describe, expect, it } from 'vitest';
import { canSort, rankText, sortedQuery } from '../../src/sql/sorted-query';
import { querySortedResult } from '../../src/results/sorted-result';
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

  it('puts text in Vietnamese order over the whole result (Đ after D, before E; numbers inside by value; NULLs last)', async () => {
    const names = ['Huyện Vĩnh An', 'Huyện Đồng Xuân Bắc', 'Huyện Dương Minh', 'Huyện Eo Gió', 'Zeta', 'Quý 10', 'Quý 2', 'Ấp Bắc', 'An Lạc', 'Ân Thi'];
    // Many rows per name (and in an order the engine would not give): the whole result must
    // come back ordered, not one page of it.
    const text = `SELECT "Đơn vị", "Số" FROM (SELECT unnest(string_split('${names.join('|')}', '|')) AS "Đơn vị") , (SELECT range AS "Số" FROM range(0, 300)) UNION ALL SELECT NULL, 1 -- cuối`;
    const run = async (descending: boolean) => {
      const { table } = await querySortedResult(engine(), text, 'Đơn vị', descending);
      const col = table.getChild('Đơn vị')!;
      return Array.from({ length: table.numRows }, (_, i) => col.get(i) as string | null);
    };
    const asc = await run(false);
    expect(asc).toHaveLength(names.length * 300 + 1);
    const runs = asc.filter((v, i) => i === 0 || v !== asc[i - 1]);
    expect(runs).toEqual(['An Lạc', 'Ân Thi', 'Ấp Bắc', 'Huyện Dương Minh', 'Huyện Đồng Xuân Bắc', 'Huyện Eo Gió', 'Huyện Vĩnh An', 'Quý 2', 'Quý 10', 'Zeta', null]);
    const desc = await run(true);
    expect(desc.filter((v, i) => i === 0 || v !== desc[i - 1])).toEqual([...runs.slice(0, -1).reverse(), null]);
    // A number column is ordered by value by the engine.
    const { table } = await querySortedResult(engine(), `SELECT * FROM (VALUES ('a', 10), ('b', 9), ('c', NULL), ('d', 100)) t(x, n)`, 'n', false);
    expect(table.toArray().map((r) => r.toJSON().x)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('ranks values with the vi collator', () => {
    expect(rankText(['Dung', 'Zeta', 'Đào', 'Em'])).toBe('1,4,2,3');
  });
});
