/** Vietnamese order and value order: the comparator, the page-side sort of Arrow results (types
 *  kept), and the analyses of the sample workbook run on the real engine and ordered as shown. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildAnalysis, defaultAnalysisOptions, type AnalysisOptions } from '../../src/analyses/catalogue';
import { analysisLabels } from '../../src/analyses/labels';
import { filterOptions } from '../../src/analyses/filter-options';
import { syncSemantics } from '../../src/analyses/semantic-sync';
import { wrapLabel } from '../../src/charts/wrap-label';
import { listTables } from '../../src/engine/catalog';
import { compareValues, compareVi, sortTextsVi } from '../../src/format/collate';
import { tableFromArrays } from 'apache-arrow';
import { emptyModel, factSource, type SemanticModel } from '../../src/domain/semantic-model';
import { nextSort, sortTable } from '../../src/results/sort-table';
import { NO_FILTERS } from '../../src/sql/analysis';
import { importPath, useEngine } from '../helpers/engine';
import { QueryLayer } from '../../src/query/query-layer';

const engine = useEngine();
const L = analysisLabels('vi');
let model: SemanticModel;

beforeAll(async () => {
  for (const name of ['don-vi', 'mo-hinh-dan-van-kheo', 'xep-loai-dan-van', 'tiep-cong-dan', 'sap-xep-don-vi-2025']) await importPath(engine(), `data-samples/${name}.csv`);
  model = (await syncSemantics(engine(), await listTables(engine()), emptyModel())).model;
});

const shown = async (patch: Partial<AnalysisOptions>) => {
  const built = buildAnalysis({ ...defaultAnalysisOptions(), ...patch }, model, L);
  const { table } = await engine().query(built.query.sql, built.query.params);
  return sortTable(table, built.order);
};
const column = (table: Awaited<ReturnType<typeof shown>>, name: string) => table.toArray().map((r) => (r.toJSON() as Record<string, unknown>)[name]);
const isVietnameseOrder = (names: string[]) => names.every((n, i) => i === 0 || compareVi(names[i - 1]!, n) <= 0);

describe('the comparator', () => {
  it('puts Đ after D and before E, Ă and Â after A, numbers by value', () => {
    const names = ['Huyện Eo', 'Huyện Vĩnh An', 'Huyện Đồng Xuân Bắc', 'Huyện Dak', 'Huyện Ân', 'Huyện Ăn', 'Huyện An', 'Quý 10', 'Quý 2'];
    expect([...names].sort(compareVi)).toEqual(['Huyện An', 'Huyện Ăn', 'Huyện Ân', 'Huyện Dak', 'Huyện Đồng Xuân Bắc', 'Huyện Eo', 'Huyện Vĩnh An', 'Quý 2', 'Quý 10']);
  });
});

describe('sorting a result in the page', () => {
  it('keeps column types, nulls last in both directions, and cycles a header click', async () => {
    const { table } = await engine().query("SELECT * FROM (VALUES ('Đông', 2::BIGINT), ('Dương', NULL), ('Eo', 10::BIGINT), ('An', 1::BIGINT)) AS t(name, n)");
    const byName = sortTable(table, [{ column: 'name' }]);
    expect(column(byName, 'name')).toEqual(['An', 'Dương', 'Đông', 'Eo']);
    const down = sortTable(table, [{ column: 'n', descending: true }]);
    expect(column(down, 'n')).toEqual([10n, 2n, 1n, null]);
    expect(column(sortTable(table, [{ column: 'n' }]), 'n')).toEqual([1n, 2n, 10n, null]);
    expect(down.schema.fields.map((f) => String(f.type))).toEqual(table.schema.fields.map((f) => String(f.type)));
    expect(nextSort(null, 'n')).toEqual({ column: 'n', descending: false });
    expect(nextSort({ column: 'n', descending: false }, 'n')).toEqual({ column: 'n', descending: true });
    expect(nextSort({ column: 'n', descending: true }, 'n')).toBeNull();
  });
});

describe('sorting a large result in the page', () => {
  it('gathers scattered rows column by column with every value and type kept', async () => {
    // 5,000 rows whose order scatters them (sorted by a pseudo-random key): gathered, not sliced.
    const { table } = await engine().query(`
      SELECT i, (i * 7919) % 5000 AS k, 'Đơn vị ' || (i % 97) AS name, i / 3.0 AS d, i % 2 = 0 AS even,
             DATE '2020-01-01' + (i % 400)::INTEGER AS day, TIMESTAMP '2024-05-01 08:00:00' + to_seconds(i) AS at,
             CASE WHEN i % 11 = 0 THEN NULL ELSE i::HUGEINT END AS big, (i % 13)::DECIMAL(10,2) AS money, [i % 3] AS list
      FROM range(5000) AS r(i)`);
    const text = (r: { toJSON(): unknown }) => JSON.stringify(r.toJSON(), (_, v) => (typeof v === 'bigint' ? `${v}` : v));
    // Without the list every column is gathered (one batch); with it the rows are sliced.
    const plain = table.select(['i', 'k', 'name', 'd', 'even', 'day', 'at', 'big', 'money']);
    expect(table.batches.length).toBeGreaterThan(1);
    // A slice too: its columns start part-way into their buffers.
    const sliced = plain.slice(7, 4007);
    for (const [given, batches] of [[plain, 1], [table, 5000], [sliced, 1]] as const) {
      // The page's CSP forbids evaluating text as code (Arrow's builders do, given null values).
      const evaluated = vi.spyOn(globalThis, 'Function');
      const sorted = sortTable(given, [{ column: 'k' }]);
      expect(evaluated).not.toHaveBeenCalled();
      evaluated.mockRestore();
      expect(sorted.numRows).toBe(given.numRows);
      expect(sorted.batches.length).toBe(batches);
      expect(sorted.schema.fields.map((f) => String(f.type))).toEqual(given.schema.fields.map((f) => String(f.type)));
      const before = new Map(given.toArray().map((r) => [Number(r.k), text(r)]));
      expect(sorted.toArray().map(text)).toEqual([...before.keys()].sort((a, b) => a - b).map((k) => before.get(k)));
    }
  });

  it('orders text through ranks exactly as the comparator does, ties kept in engine order', async () => {
    const { table } = await engine().query(`
      SELECT i, ['Huyện Vĩnh An', 'Huyện Đồng Xuân Bắc', 'Huyện Dak', 'Huyện Ân', NULL, 'Quý 10', 'Quý 2'][1 + (i * 31) % 7] AS name
      FROM range(3000) AS r(i)`);
    const sorted = sortTable(table, [{ column: 'name', descending: true }]);
    const names = column(sorted, 'name') as (string | null)[];
    const text = names.filter((n): n is string => n !== null);
    expect(text.every((n, i) => i === 0 || compareVi(text[i - 1]!, n) >= 0)).toBe(true);
    expect(names.slice(text.length).every((n) => n === null)).toBe(true);
    const ids = column(sorted, 'i').map(Number);
    for (let r = 1; r < names.length; r++) if (names[r] === names[r - 1]) expect(ids[r]!).toBeGreaterThan(ids[r - 1]!);
  });

  it('orders by several keys exactly as a comparator over the rows would, packed or not', async () => {
    // Years, changes with nulls both ways, names in two batches: the analyses' own keys.
    const { table } = await engine().query(`
      SELECT 2019 + i % 3 AS y, CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 37) % 21 - 10 END::DOUBLE AS change,
             CASE WHEN i % 23 = 0 THEN NULL ELSE ['Xã Đông', 'Xã Dương', 'Xã Ân', 'Xã An', 'Phường 10', 'Phường 2'][1 + (i * 13) % 6] END AS name,
             (i * 7919) % 4001 AS a, (i * 104729) % 4003 AS b, (i * 1299709) % 4007 AS c, i
      FROM range(4000) AS r(i)`);
    const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
    const reference = (keys: { column: string; descending?: boolean }[]) =>
      rows
        .map((_, i) => i)
        .sort((p, q) => {
          for (const k of keys) {
            const x = rows[p]![k.column];
            const y = rows[q]![k.column];
            if (x === null || y === null) {
              if (x !== y) return x === null ? 1 : -1;
              continue;
            }
            const c = compareValues(x, y) * (k.descending ? -1 : 1);
            if (c !== 0) return c;
          }
          return p - q;
        })
        .map((r) => Number(rows[r]!.i));
    const ids = (keys: { column: string; descending?: boolean }[]) => column(sortTable(table, keys), 'i').map(Number);
    const changeView = [{ column: 'y' }, { column: 'change', descending: true }, { column: 'name' }];
    expect(ids(changeView)).toEqual(reference(changeView));
    // Ranks too many to pack into one number (4,000⁴ × rows): the comparator path, same answer.
    const wide = [{ column: 'name', descending: true }, { column: 'a' }, { column: 'b', descending: true }, { column: 'c' }, { column: 'change' }];
    expect(ids(wide)).toEqual(reference(wide));

    // Thousands of distinct names (the page's table of names grows), big integers, over batches.
    const { table: many } = await engine().query(`
      SELECT i, 'Đơn vị ' || ((i * 7919) % 2500) AS name, ((i * 104729) % 97)::BIGINT * 100000000000 AS big
      FROM range(6000) AS r(i)`);
    const manyRows = many.toArray().map((r) => r.toJSON() as Record<string, unknown>);
    const expected = manyRows
      .map((_, i) => i)
      .sort((p, q) => compareValues(manyRows[p]!.name, manyRows[q]!.name) || compareValues(manyRows[q]!.big, manyRows[p]!.big) || p - q)
      .map((r) => Number(manyRows[r]!.i));
    expect(column(sortTable(many, [{ column: 'name' }, { column: 'big', descending: true }]), 'i').map(Number)).toEqual(expected);
  });

  it('sorts a kept result once: the same result and keys give the same table, a large one its kept order again', async () => {
    const { table } = await engine().query(`SELECT i, 'Xã ' || ((i * 7919) % 900) AS name FROM range(5000) AS r(i)`);
    const keys = [{ column: 'name' }, { column: 'i', descending: true }];
    const once = sortTable(table, keys);
    expect(sortTable(table, keys)).toBe(once);
    expect(sortTable(table, [{ column: 'name' }]) === once).toBe(false);
    expect(column(sortTable(table, [...keys]), 'i')).toEqual(column(once, 'i'));
    // A sorted copy over the bytes kept: only the order is kept, and the rows gathered again the same.
    const { table: big } = await engine().query(`SELECT (i * 7919) % 100000 AS k, i::DOUBLE AS a, (i * 2)::DOUBLE AS b FROM range(100000) AS r(i)`);
    const keep = 2 ** 20;
    const first = sortTable(big, [{ column: 'k' }], keep);
    const again = sortTable(big, [{ column: 'k' }], keep);
    expect(again === first).toBe(false);
    const [a1, a2] = [first, again].map((t) => t.getChild('a')!.toArray() as Float64Array);
    expect(a1!.every((v, i) => v === a2![i])).toBe(true);
    const k = first.getChild('k')!.toArray() as BigInt64Array;
    expect(k.every((v, i) => i === 0 || v >= k[i - 1]!)).toBe(true);
  });

  it('orders 64-bit integers by value, negative and past 32 bits, with nulls last', async () => {
    const { table } = await engine().query(`
      SELECT i, CASE WHEN i % 9 = 0 THEN NULL ELSE ((i * 37) % 23 - 11)::BIGINT * 3000000007 + i % 2 END AS v FROM range(2000) AS r(i)`);
    const values = (column(sortTable(table, [{ column: 'v' }]), 'v') as (bigint | null)[]);
    const given = (column(table, 'v') as (bigint | null)[]).filter((v): v is bigint => v !== null).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(values.slice(0, given.length)).toEqual(given);
    expect(values.slice(given.length).every((v) => v === null)).toBe(true);
  });

  it('puts NaN after every number and before nulls, -0 level with 0, in both directions', async () => {
    const { table } = await engine().query(`
      SELECT i, CASE WHEN i % 11 = 0 THEN 'NaN'::DOUBLE WHEN i % 13 = 0 THEN -0.0 WHEN i % 7 = 0 THEN NULL ELSE (i * 31) % 9 - 4 END::DOUBLE AS d
      FROM range(3000) AS r(i)`);
    for (const descending of [false, true]) {
      const sorted = sortTable(table, [{ column: 'd', descending }]);
      const d = column(sorted, 'd') as (number | null)[];
      const ids = column(sorted, 'i').map(Number);
      const kind = (v: number | null) => (v === null ? 2 : Number.isNaN(v) ? (descending ? -1 : 1) : 0);
      for (let r = 1; r < d.length; r++) {
        const [a, b] = [d[r - 1]!, d[r]!];
        expect(kind(a)).toBeLessThanOrEqual(kind(b));
        if (kind(a) === 0 && kind(b) === 0) expect(descending ? a >= b : a <= b).toBe(true);
        // Equal values (-0 and 0 among them) keep the engine's order.
        if (kind(a) === kind(b) && (kind(a) !== 0 || a === b)) expect(ids[r]!).toBeGreaterThan(ids[r - 1]!);
      }
    }
  });
});

describe('analyses as shown', () => {
  it('lists units in Vietnamese order per year (the engine alone puts Đ after V)', async () => {
    const table = await shown({ view: 'byUnit', filters: { ...NO_FILTERS, yearFrom: 2024, yearTo: 2024 } });
    const names = column(table, L.unit) as string[];
    expect(names.length).toBeGreaterThan(5);
    expect(isVietnameseOrder(names)).toBe(true);
    expect(names.some((n) => /^Huyện Đ|^Thành phố Đ|^Thị xã Đ/.test(n) || n.includes(' Đ'))).toBe(true);
  });

  it('sorts ranks by rank and changes by change, largest first', async () => {
    const ranks = column(await shown({ view: 'rank', filters: { ...NO_FILTERS, yearFrom: 2024, yearTo: 2024 } }), L.rank).map(Number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const changes = column(await shown({ view: 'change', filters: { ...NO_FILTERS, yearFrom: 2024, yearTo: 2024 } }), L.change).filter((v) => v !== null).map(Number);
    expect(changes.length).toBeGreaterThan(5);
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    const top = column(await shown({ kind: 'reception', view: 'top', top: 5, filters: { ...NO_FILTERS, yearFrom: 2024, yearTo: 2024 } }), 'Lượt tiếp').map(Number);
    expect(top).toEqual([...top].sort((a, b) => b - a));
  });

  it('offers filter choices in Vietnamese order', async () => {
    const options = await filterOptions(new QueryLayer(engine()), factSource(model, 'mo_hinh_dan_van_kheo')!, 'asWas');
    expect(isVietnameseOrder(options.units.map((u) => u.label))).toBe(true);
  });

  it('draws ranks as sorted horizontal bars of the last year, unit × year as a heat table', () => {
    const rank = buildAnalysis({ ...defaultAnalysisOptions(), view: 'rank' }, model, L).chart;
    expect(rank).toMatchObject({ type: 'hbar', x: L.unit, lastOf: L.year });
    expect(buildAnalysis({ ...defaultAnalysisOptions(), view: 'change' }, model, L).chart).toMatchObject({ type: 'diverging', y: L.change });
    expect(buildAnalysis(defaultAnalysisOptions(), model, L).chart).toMatchObject({ type: 'heat', x: L.year, color: L.unit });
  });
});

describe('unit names in two lines', () => {
  it('wraps between words and cuts only what cannot fit', () => {
    expect(wrapLabel('Huyện Đồng Xuân Bắc', 12)).toBe('Huyện Đồng\nXuân Bắc');
    expect(wrapLabel('Sở Nông nghiệp', 20)).toBe('Sở Nông nghiệp');
    const cut = wrapLabel('Sở Nông nghiệp và Phát triển nông thôn tỉnh', 12);
    expect(cut.split('\n')).toHaveLength(2);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('text sorted again from the places kept', () => {
  const types = ['Huyện', 'Xã', 'Phường', 'Thị trấn', 'Sở', 'Đảng ủy', 'Ban', 'UBND xã'];
  const names = Array.from({ length: 3000 }, (_, i) => `${types[i % types.length]} ${['An', 'Ân', 'Ấn', 'Bình', 'Đông', 'Dương'][i % 6]} ${i}`);
  const fresh = (list: string[]) => [...list].sort((a, b) => compareVi(a, b) || (a < b ? -1 : a > b ? 1 : 0));
  let seed = 3;
  const shuffled = (list: string[]) => [...list].map((v) => ({ v, k: (seed = (seed * 1103515245 + 12345) % 2147483648) })).sort((a, b) => a.k - b.k).map((x) => x.v);

  it('gives the order a fresh sort gives, for the same names, a part of them, or others', () => {
    expect(sortTextsVi(shuffled(names))).toEqual(fresh(names));
    // Kept from the sort before: the same names in another order, and a part of them.
    expect(sortTextsVi(shuffled(names))).toEqual(fresh(names));
    const part = names.filter((_, i) => i % 3 === 0);
    expect(sortTextsVi(shuffled(part))).toEqual(fresh(part));
    // Names not all seen before: compared again.
    const more = [...part, 'Xã Mới 1', 'Đồn Biên phòng 2'];
    expect(sortTextsVi(shuffled(more))).toEqual(fresh(more));
    expect(sortTextsVi(shuffled(names))).toEqual(fresh(names));
  });

  it('does not compare names again that the last large sort placed', () => {
    sortTextsVi(shuffled(names));
    // `compareVi` reads the collator's `compare` on each call.
    const compares = vi.spyOn(Intl.Collator.prototype, 'compare', 'get');
    try {
      sortTextsVi(shuffled(names.filter((_, i) => i % 2 === 0)));
      expect(compares).not.toHaveBeenCalled();
      sortTextsVi(shuffled([...names.slice(0, 1500), 'Xã Mới 1']));
      expect(compares).toHaveBeenCalled();
    } finally {
      compares.mockRestore();
    }
  });

  it('orders names that compare equal by code point, whatever was sorted first', () => {
    const equal = ['Quý 1', 'Quý 01', 'Quý 001'];
    const list = [...names.slice(0, 1500), ...equal];
    const a = sortTextsVi([...list].reverse());
    const b = sortTextsVi([...list]);
    expect(a).toEqual(b);
    expect(a.filter((n) => equal.includes(n))).toEqual(['Quý 001', 'Quý 01', 'Quý 1']);
  });

  it('sorts a result table the same with the places kept as without', () => {
    const rowsOf = (list: string[]) => tableFromArrays({ n: list, v: Float64Array.from(list, (_, i) => i % 5) });
    const list = shuffled([...names, ...names.slice(0, 500)]);
    const once = sortTable(rowsOf(list), [{ column: 'v', descending: true }, { column: 'n' }]);
    const again = sortTable(rowsOf(list), [{ column: 'v', descending: true }, { column: 'n' }]);
    expect(again.getChild('n')!.toArray()).toEqual(once.getChild('n')!.toArray());
    const expected = list.map((n, i) => ({ n, v: i % 5 })).sort((a, b) => b.v - a.v || compareVi(a.n, b.n) || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
    expect(Array.from(once.getChild('n')!.toArray() as ArrayLike<string>)).toEqual(expected.map((r) => r.n));
  });
});
