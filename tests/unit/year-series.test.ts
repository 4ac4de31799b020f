import { describe, expect, it } from 'vitest';
import { columnKey, matchColumns, seriesGroups, yearOfFile } from '../../src/import/year-series';
import { combineTables } from '../../src/sql/statements';
import { fromBytes, importFile } from '../../src/import/import-file';
import { rows, useEngine } from '../helpers/engine';

const engine = useEngine();

describe('year series', () => {
  it('matches drifting headers', () => {
    expect(columnKey('Tên đơn vị')).toBe(columnKey('ĐƠN  VỊ'));
    expect(columnKey('Số mô hình')).toBe(columnKey('so mo hinh'));
    expect(matchColumns([
      ['Tên đơn vị', 'Lĩnh vực', 'Số mô hình'],
      ['Đơn vị', 'lĩnh  vực', 'Số Mô Hình', 'Ghi chú'],
    ])).toEqual([
      { name: 'Tên đơn vị', sources: ['Tên đơn vị', 'Đơn vị'] },
      { name: 'Lĩnh vực', sources: ['Lĩnh vực', 'lĩnh  vực'] },
      { name: 'Số mô hình', sources: ['Số mô hình', 'Số Mô Hình'] },
      { name: 'Ghi chú', sources: [null, 'Ghi chú'] },
    ]);
  });

  it('groups files of one report and finds each year', () => {
    const groups = seriesGroups([{ fileName: 'mo-hinh-2021.csv' }, { fileName: 'Mô hình 2022.csv' }, { fileName: 'khac.csv' }]);
    expect(groups).toEqual([{ stem: 'mo_hinh', items: [{ fileName: 'mo-hinh-2021.csv' }, { fileName: 'Mô hình 2022.csv' }] }]);
    expect(yearOfFile('mo-hinh-2021.csv', null)).toBe(2021);
    expect(yearOfFile('mo-hinh.csv', 2019)).toBe(2019);
  });

  it('combines the tables with a Năm column and the right totals', async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const a = await importFile(engine(), fromBytes('mo-hinh-2021.csv', enc('Tên đơn vị,Lĩnh vực,Số mô hình\nA,Kinh tế,3\nB,Kinh tế,4\n')));
    const b = await importFile(engine(), fromBytes('mo-hinh-2022.csv', enc('Đơn vị,lĩnh  vực,Số Mô Hình,Ghi chú\nA,Kinh tế,5,x\nC,Văn hóa,1.053,\n')));
    const matches = matchColumns([a.columns.map((c) => c.name), b.columns.map((c) => c.name)]);
    const parts = [a, b].map((t, f) => ({
      table: t.name,
      year: yearOfFile(`${t.name}.csv`.replace(/_/g, '-'), null),
      columns: matches.filter((m) => m.sources[f] !== null).map((m) => ({ from: m.sources[f]!, to: m.name })),
    }));
    await engine().query(combineTables('mo_hinh', parts, 'Năm'));
    const result = await rows(engine(), `SELECT "Năm", count(*) AS units, sum("Số mô hình") AS n FROM mo_hinh GROUP BY 1 ORDER BY 1`);
    expect(result).toEqual([
      { Năm: 2021, units: 2n, n: 7 },
      { Năm: 2022, units: 2n, n: 1058 },
    ]);
    const [notes] = await rows(engine(), `SELECT count("Ghi chú") AS c FROM mo_hinh`);
    expect(Number(notes!.c)).toBe(1);
  });
});
