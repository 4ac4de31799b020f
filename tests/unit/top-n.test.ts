/** Top N per group (the reception's "top units", a custom analysis's top): the engine keeps only
 *  the rows that can be in the top before ranking them. Checked against the full result ranked
 *  here, with ties, empty figures, groups smaller than N, and with and without the query layer. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAnalysis, defaultAnalysisOptions, type AnalysisOptions } from '../../src/analyses/catalogue';
import { analysisLabels } from '../../src/analyses/labels';
import { syncSemantics } from '../../src/analyses/semantic-sync';
import { listTables } from '../../src/engine/catalog';
import { emptyModel, type SemanticModel } from '../../src/domain/semantic-model';
import { fromBytes, importFile } from '../../src/import/import-file';
import { QueryLayer } from '../../src/query/query-layer';
import { NO_FILTERS } from '../../src/sql/analysis';
import { rows, useEngine } from '../helpers/engine';

const engine = useEngine();
const L = analysisLabels('vi');
let model: SemanticModel;
let table: string;

beforeAll(async () => {
  // 120 units over five years; figures repeat (ties), some are empty, and 2019 has only 4 units.
  const lines = ['Năm,Đơn vị,Loại đơn vị,Nội dung,Lượt tiếp,Số người'];
  for (let year = 2019; year <= 2023; year++)
    for (let u = 0; u < (year === 2019 ? 4 : 120); u++) {
      const visits = (u * 7 + year) % 11 === 0 ? '' : String(((u * 13) % 9) + (year % 3));
      lines.push([year, `Xã ${['Đông', 'An', 'Bình', 'Ân'][u % 4]} ${u}`, u % 5 === 0 ? 'Phường' : 'Xã', u % 2 ? 'Đất đai' : 'Khác', visits, (u * 3) % 17].join(','));
    }
  table = (await importFile(engine(), fromBytes('tiep-dan-xa.csv', new TextEncoder().encode(lines.join('\n'))))).name;
  model = (await syncSemantics(engine(), await listTables(engine()), emptyModel())).model;
});

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The full result ranked here: per year, the first measure largest first (empty last), then the
 *  unit by its bytes, as the engine orders text. */
function topHere(all: Row[], n: number, group: string | null, subject: string, measure: string): Row[] {
  const groups = new Map<unknown, Row[]>();
  for (const r of all) groups.set(group ? r[group] : null, [...(groups.get(group ? r[group] : null) ?? []), r]);
  const out: Row[] = [];
  for (const list of groups.values()) {
    const ranked = [...list].sort((a, b) => {
      const x = num(a[measure]);
      const y = num(b[measure]);
      if (x !== y) return x === null ? 1 : y === null ? -1 : y - x;
      return Buffer.compare(Buffer.from(String(a[subject])), Buffer.from(String(b[subject])));
    });
    out.push(...ranked.slice(0, n));
  }
  return out;
}

/** The analysis's rows, straight from the engine. */
const shown = (o: AnalysisOptions) => {
  const { sql, params } = buildAnalysis(o, model, L).query;
  return rows(engine(), sql, params);
};

const key = (r: Row) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? Number(v) : v));

describe('top N per group', () => {
  for (const n of [1, 3, 10, 200])
    it(`keeps the ${n} largest of every year, ties broken by name, as ranking every row does`, async () => {
      const layer = new QueryLayer(engine());
      for (const filters of [NO_FILTERS, { ...NO_FILTERS, yearFrom: 2020, yearTo: 2022 }, { ...NO_FILTERS, unitTypes: ['Xã'] }]) {
        const o: AnalysisOptions = { ...defaultAnalysisOptions(), kind: 'reception', view: 'top', table, top: n, filters };
        const got = await shown(o);
        const all = await shown({ ...o, top: 0 });
        expect(all.length).toBeGreaterThan(got.length - 1);
        const expected = topHere(all, n, L.year, L.unit, 'Lượt tiếp');
        expect(got.map(key).sort()).toEqual(expected.map(key).sort());
        // Answered from the pre-aggregate: the same rows in the same order.
        expect((await layer.view(buildAnalysis(o, model, L).query)).toArray().map((r) => key(r.toJSON()))).toEqual(got.map(key));
      }
    });

  it('keeps the top of one list when nothing else groups it (unit types by count)', async () => {
    const o: AnalysisOptions = { ...defaultAnalysisOptions(), kind: 'custom', view: 'custom', table, measure: null, aggregate: 'count', dims: ['unitType'], compare: 'none', top: 1 };
    const got = await shown(o);
    const all = await shown({ ...o, top: 0 });
    expect(got.map(key)).toEqual(topHere(all, 1, null, L.unitType, L.count).map(key));
  });
});
