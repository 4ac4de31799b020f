import { describe, expect, it } from 'vitest';
import { importPath, rows, useEngine } from '../helpers/engine';

const engine = useEngine();

describe('CSV import', () => {
  it('names the table from the file and keeps header text as column names', async () => {
    const info = await importPath(engine(), 'tests/fixtures/Tiếp công dân 2022.csv');
    expect(info.name).toBe('tiep_cong_dan_2022');
    expect(info.rows).toBe(3);
    expect(info.columns.map((c) => c.name)).toEqual(['STT', 'Đơn vị', 'Lượt tiếp', 'Số người', 'Tỷ lệ']);
  });

  it('reads Vietnamese-style numbers as numbers', async () => {
    const info = await importPath(engine(), 'tests/fixtures/Tiếp công dân 2022.csv');
    const types = Object.fromEntries(info.columns.map((c) => [c.name, c.type]));
    expect(types['Lượt tiếp']).toBe('BIGINT');
    expect(types['Tỷ lệ']).toBe('DOUBLE');
    const [sum] = await rows(engine(), `SELECT sum("Lượt tiếp") AS s, sum("Tỷ lệ") AS r FROM "${info.name}"`);
    expect(Number(sum!.s)).toBe(1053 + 87 + 2100);
    expect(sum!.r).toBeCloseTo(44.5 + 12.25 + 7);
  });
});
