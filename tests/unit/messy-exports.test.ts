/** Real-shaped exports go in, clean tables come out: each trait of issue "Open real report
 *  exports right the first time" on a fixture written the way Excel writes it. */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fromBytes, importFile, previewImport } from '../../src/import/import-file';
import { planImport, revisePlan } from '../../src/import/plan-file';
import { rows, useEngine } from '../helpers/engine';

const engine = useEngine();
const fixture = async (name: string) => fromBytes(name, new Uint8Array(await readFile(`tests/fixtures/${name}`)));
const RECEPTION = 'Báo cáo tiếp công dân 2022 (Windows-1258).csv';
const MODELS = 'Mô hình dân vận khéo 2023.csv';
const ROADS = 'Đóng góp đường giao thông (Unicode text).txt';

describe('a Windows-1258 report with a title block and a total line', () => {
  it('detects encoding, separator, title lines, header and year', async () => {
    const plan = await planImport(await fixture(RECEPTION), []);
    expect(plan).toMatchObject({
      tableName: 'bao_cao_tiep_cong_dan_2022_windows_1258',
      encoding: 'windows-1258',
      delimiter: ';',
      headerRow: 3,
      headerLines: 1,
      year: 2022,
      rowNumberColumn: 0,
      addYearColumn: true,
      titleLines: ['ỦY BAN NHÂN DÂN TỈNH AN HÒA', 'BÁO CÁO KẾT QUẢ TIẾP CÔNG DÂN NĂM 2022'],
    });
  });

  it('loads the units with NFC names, Vietnamese numbers, the year, and no total line', async () => {
    const result = await importFile(engine(), await fixture(RECEPTION));
    expect(result.report.totalRows).toBe(1);
    expect(result.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Năm:INTEGER',
      'STT:BIGINT',
      'Đơn vị:VARCHAR',
      'Lượt tiếp:BIGINT',
      'Số người:BIGINT',
      'Tỷ lệ giải quyết:DOUBLE',
    ]);
    const table = await rows(engine(), `SELECT * FROM "${result.name}" ORDER BY "STT"`);
    expect(table).toEqual([
      { Năm: 2022, STT: 1, 'Đơn vị': 'UBND huyện Điện Biên Đông', 'Lượt tiếp': 1053, 'Số người': 1345, 'Tỷ lệ giải quyết': 44.5 },
      { Năm: 2022, STT: 2, 'Đơn vị': 'Huyện Mường Ảng', 'Lượt tiếp': 87, 'Số người': 120, 'Tỷ lệ giải quyết': 100 },
      { Năm: 2022, STT: 3, 'Đơn vị': 'TP. Điện Biên Phủ', 'Lượt tiếp': 2100, 'Số người': 2400, 'Tỷ lệ giải quyết': 12.25 },
    ].map((r) => ({ ...r, STT: BigInt(r.STT), 'Lượt tiếp': BigInt(r['Lượt tiếp']), 'Số người': BigInt(r['Số người']) })));
    // SUM is right because the total line is not in the table: 1.053 + 87 + 2.100 = 3.240
    const [sum] = await rows(engine(), `SELECT sum("Lượt tiếp") AS s FROM "${result.name}" WHERE "Đơn vị" = ?`, ['TP. Điện Biên Phủ']);
    expect(Number(sum!.s)).toBe(2100);
    const [all] = await rows(engine(), `SELECT sum("Lượt tiếp") AS s FROM "${result.name}"`);
    expect(Number(all!.s)).toBe(3240);
  });

  it('keeps the total line when asked', async () => {
    const source = await fixture(RECEPTION);
    const plan = { ...(await planImport(source, ['x'])), tableName: 'giu_dong_tong', keepTotals: true };
    const result = await importFile(engine(), source, plan);
    expect(result.rows).toBe(4);
  });

  it('lets the user override a wrong guess and previews exactly what will load', async () => {
    const source = await fixture(RECEPTION);
    const head = new Uint8Array(await readFile(`tests/fixtures/${RECEPTION}`));
    const plan = await planImport(source, []);
    const asLatin = revisePlan(plan, head, { encoding: 'windows-1252' });
    const preview = await previewImport(engine(), source, asLatin);
    expect(preview.rows.getChild('Đơn vị')).toBeNull(); // the header reads differently in 1252
    const back = await previewImport(engine(), source, revisePlan(asLatin, head, { encoding: 'windows-1258' }));
    expect(back.info.columns.map((c) => c.name)).toContain('Đơn vị');
    expect(back.rows.numRows).toBe(3);
    expect(back.report.totalRows).toBe(1);
  });
});

describe('work at the same time', () => {
  it('a preview and an import running together both get their own results', async () => {
    const source = await fixture(RECEPTION);
    const plan = { ...(await planImport(source, [])), tableName: 'cung_luc' };
    const [preview, result] = await Promise.all([previewImport(engine(), source, plan), importFile(engine(), await fixture(RECEPTION), plan)]);
    expect(preview.rows.numRows).toBe(3);
    expect(result.rows).toBe(3);
  });
});

describe('a large file picked from disk', () => {
  it('is sniffed whole once, for its preview, and the import reads it as sniffed then', async () => {
    const lines = ['Đơn vị;Loại đơn vị;Lượt tiếp;Tỷ lệ'];
    for (let i = 0; i < 160_000; i++) lines.push(`Xã số ${i};Xã;${i % 40};${i % 9}.25`);
    const bytes = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
    expect(bytes.byteLength).toBeGreaterThan(4 * 2 ** 20);
    // A picked file is a Blob the engine reads itself.
    const picked = { name: 'Tiếp dân cả tỉnh.csv', size: bytes.byteLength, source: new Blob([bytes]) };
    const plan = await planImport(picked, []);
    const statements: string[] = [];
    const run = engine().run.bind(engine());
    engine().run = (sql, params) => (statements.push(sql), run(sql, params));
    try {
      const preview = await previewImport(engine(), picked, plan);
      const result = await importFile(engine(), picked, plan);
      expect(result.rows).toBe(160_000);
      expect(preview.info.columns).toEqual(result.columns);
      expect(result.columns.map((c) => c.type)).toEqual(['VARCHAR', 'VARCHAR', 'BIGINT', 'DOUBLE']);
      const [sum] = await rows(engine(), `SELECT sum("Lượt tiếp") AS n, sum("Tỷ lệ") AS r FROM "${result.name}"`);
      expect(Number(sum!.n)).toBe(Array.from({ length: 160_000 }, (_, i) => i % 40).reduce((a, b) => a + b, 0));
      expect(Number(sum!.r)).toBeCloseTo(Array.from({ length: 160_000 }, (_, i) => (i % 9) + 0.25).reduce((a, b) => a + b, 0));
    } finally {
      engine().run = run;
    }
    // One sniff of the whole file, not one for the head and one for the import.
    expect(statements.filter((s) => s.includes('sniff_csv('))).toHaveLength(1);
  });
});

describe('a preview stopped when the dialog closes', () => {
  it('ends between two steps, leaves no table behind and does not stop the import beside it', async () => {
    const source = await fixture(RECEPTION);
    const plan = { ...(await planImport(source, [])), tableName: 'sau_xem_truoc' };
    const stop = new AbortController();
    const preview = previewImport(engine(), source, plan, undefined, 12, stop.signal);
    const imported = importFile(engine(), await fixture(RECEPTION), plan);
    stop.abort();
    await expect(preview).rejects.toMatchObject({ problem: 'cancelled' });
    expect((await imported).rows).toBe(3);
    const left = await rows(engine(), `SELECT table_name FROM information_schema.tables WHERE starts_with(table_name, '__')`);
    expect(left).toEqual([]);
  });
});

describe('a dropped empty column in the middle', () => {
  it('keeps user styles pointing at the right file columns', async () => {
    const source = fromBytes('giua.csv', new TextEncoder().encode('Đơn vị,,Số\nA,,1.053\nB,,2\n'));
    const plan = await planImport(source, []);
    const preview = await previewImport(engine(), source, plan);
    expect(preview.info.columns.map((c) => c.name)).toEqual(['Đơn vị', 'Số']);
    expect(preview.report.columnSources).toEqual([0, 2]);
    const asText = await importFile(engine(), source, { ...plan, styles: { [preview.report.columnSources[1]!]: 'text' } });
    expect(asText.columns.find((c) => c.name === 'Số')?.type).toBe('VARCHAR');
  });
});

describe('a two-line merged header with STT, an empty line and column, and a Cộng line', () => {
  it('flattens the header, drops empty lines and columns, and the Cộng line', async () => {
    const result = await importFile(engine(), await fixture(MODELS));
    expect(result.columns.map((c) => c.name)).toEqual([
      'Năm',
      'STT',
      'Tên đơn vị',
      'Số mô hình - Kinh tế',
      'Số mô hình - Văn hóa - xã hội',
      'Số mô hình - Quốc phòng - an ninh',
      'Số mô hình - Xây dựng hệ thống chính trị',
    ]);
    expect(result.rows).toBe(3);
    expect(result.report).toMatchObject({ totalRows: 1, emptyRows: 1, droppedColumns: 1, columnSources: [null, 0, 1, 2, 3, 4, 5] });
    const [r] = await rows(engine(), `SELECT sum("Số mô hình - Kinh tế") AS kt, min("Năm") AS y FROM "${result.name}"`);
    expect(Number(r!.kt)).toBe(2 + 12 + 1020);
    expect(r!.y).toBe(2023);
  });
});

describe('UTF-16 "Unicode text" with amounts in tỷ, percentages and dd/mm/yyyy dates', () => {
  it('reads every value as the number or date it means', async () => {
    const plan = await planImport(await fixture(ROADS), []);
    expect(plan.encoding).toBe('utf-16le');
    const result = await importFile(engine(), await fixture(ROADS));
    const types = Object.fromEntries(result.columns.map((c) => [c.name, c.type]));
    expect(types).toEqual({ Xã: 'VARCHAR', 'Ngày ký': 'DATE', 'Nhân dân đóng góp': 'DOUBLE', 'Tỷ lệ': 'DOUBLE' });
    const table = await rows(engine(), `SELECT "Xã", strftime("Ngày ký", '%Y-%m-%d') AS d, "Nhân dân đóng góp" AS v, "Tỷ lệ" AS p FROM "${result.name}"`);
    expect(table).toEqual([
      { Xã: 'Xã Mường Pồn', d: '2024-03-05', v: 3.1e9, p: 12.5 },
      { Xã: 'Xã Nà Tấu', d: '2024-11-28', v: 850e6, p: 7 },
      { Xã: 'Xã Thanh Nưa', d: '2024-12-01', v: 1200e6, p: 9.75 },
    ]);
  });
});

describe('an Excel workbook', () => {
  const XLSX = 'Xếp loại dân vận 2024.xlsx';

  it('opens the sheet holding the data, with the same layout handling as CSV', async () => {
    const result = await importFile(engine(), await fixture(XLSX));
    expect(result.name).toBe('xep_loai_dan_van_2024');
    expect(result.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Năm:INTEGER', 'STT:BIGINT', 'Đơn vị:VARCHAR', 'Điểm:DOUBLE', 'Xếp loại:VARCHAR']);
    const table = await rows(engine(), `SELECT "Đơn vị", "Điểm" FROM "${result.name}" ORDER BY "STT"`);
    expect(table).toEqual([
      { 'Đơn vị': 'Sở Nội vụ', Điểm: 92.5 },
      { 'Đơn vị': 'Huyện Tân Phú', Điểm: 81 },
      { 'Đơn vị': 'Huyện Sơn Lâm', Điểm: 68.25 },
    ]);
  });

  it('lists the sheets and reads another one when chosen', async () => {
    const { prepareSource } = await import('../../src/import/prepare-source');
    const prepared = await prepareSource(await fixture(XLSX));
    expect(prepared.sheets).toEqual(['Ghi chú', 'Xếp loại 2024']);
    expect(prepared.sheet).toBe('Xếp loại 2024');
    const notes = await prepareSource(await fixture(XLSX), 'Ghi chú');
    expect(new TextDecoder().decode(notes.source.source as Uint8Array)).toContain('Số liệu minh họa');
    const plan = await planImport(notes.source, []);
    expect(plan.fileName).toBe(XLSX);
  });

  it('names a damaged workbook in a read failure', async () => {
    const { ImportError } = await import('../../src/import/import-file');
    const error = await importFile(engine(), fromBytes('hỏng.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3, 4, 5]))).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.fileName).toBe('hỏng.xlsx');
    expect(error.problem).toBe('damaged-sheet');
  });
});

describe('a wide table', () => {
  it('is detected and turned into long form (unit, field, value)', async () => {
    const { detectWide } = await import('../../src/import/wide-table');
    const source = await fixture(MODELS);
    const plan = await planImport(source, []);
    const preview = await previewImport(engine(), source, plan);
    const wide = detectWide(preview.info.columns);
    expect(wide).toEqual({
      columns: ['Số mô hình - Kinh tế', 'Số mô hình - Văn hóa - xã hội', 'Số mô hình - Quốc phòng - an ninh', 'Số mô hình - Xây dựng hệ thống chính trị'],
      keyName: 'Lĩnh vực',
      valueName: 'Số mô hình',
      prefix: 'Số mô hình',
      years: false,
    });
    const result = await importFile(engine(), source, { ...plan, tableName: 'mo_hinh_dai', unpivot: wide });
    expect(result.columns.map((c) => c.name)).toEqual(['Năm', 'STT', 'Tên đơn vị', 'Lĩnh vực', 'Số mô hình']);
    expect(result.rows).toBe(3 * 4);
    const fields = await rows(engine(), `SELECT "Lĩnh vực", sum("Số mô hình") AS n FROM mo_hinh_dai GROUP BY 1 ORDER BY 1`);
    expect(fields).toEqual([
      { 'Lĩnh vực': 'Kinh tế', n: 1034 },
      { 'Lĩnh vực': 'Quốc phòng - an ninh', n: 5 },
      { 'Lĩnh vực': 'Văn hóa - xã hội', n: 13 },
      { 'Lĩnh vực': 'Xây dựng hệ thống chính trị', n: 14 },
    ]);
  });

  it('turns year columns into a Năm column of integers', async () => {
    const { detectWide } = await import('../../src/import/wide-table');
    const source = fromBytes('theo-nam.csv', new TextEncoder().encode('Đơn vị,2021,2022,Năm 2023\nA,1,2,3\nB,4,5,6\n'));
    const plan = await planImport(source, []);
    const preview = await previewImport(engine(), source, plan);
    const wide = detectWide(preview.info.columns)!;
    expect(wide.years).toBe(true);
    const result = await importFile(engine(), source, { ...plan, unpivot: wide });
    expect(result.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Đơn vị:VARCHAR', 'Năm:INTEGER', 'Giá trị:BIGINT']);
    const b = await rows(engine(), `SELECT "Năm", "Giá trị" FROM "${result.name}" WHERE "Đơn vị" = 'B' ORDER BY 1`);
    expect(b).toEqual([
      { Năm: 2021, 'Giá trị': 4n },
      { Năm: 2022, 'Giá trị': 5n },
      { Năm: 2023, 'Giá trị': 6n },
    ]);
  });
});

describe('files made to hurt', () => {
  const problem = async (name: string, text: string) =>
    planImport(fromBytes(name, new TextEncoder().encode(text)), []).then(
      () => 'planned',
      (error: unknown) => (error instanceof Error && 'problem' in error ? (error as { problem: string }).problem : String(error)),
    );

  it('refuses far too many columns, and a long file with no line break, before the engine sees them', async () => {
    expect(await problem('rong.csv', Array.from({ length: 160_000 }, (_, i) => `c${i}`).join(',') + '\n1\n')).toBe('too-many-columns');
    expect(await problem('phay.csv', 'a,'.repeat(300_000))).toBe('too-many-columns');
    expect(await problem('mot-dong.csv', 'x'.repeat(300_000))).toBe('no-lines');
    expect(await problem('vua.csv', Array.from({ length: 300 }, (_, i) => `c${i}`).join(',') + '\n' + '1,'.repeat(299) + '1\n')).toBe('planned');
  });
});

describe('a report too large to be read line by line', () => {
  it('previews its head the way the whole file loads, not line by line', async () => {
    // Past REPORT_BODY_MAX_BYTES (4 MB) the import reads the file in one pass; the preview of its
    // head must say what that pass does, not what reading the head line by line would.
    const lines = ['BÁO CÁO KẾT QUẢ TIẾP CÔNG DÂN NĂM 2024', '', 'Đơn vị,Ghi chú,Lượt tiếp'];
    for (let i = 0; i < 120_000; i++) lines.push(`Xã số ${i},${'ghi chú '.repeat(3)},${i % 40}`);
    lines.splice(8, 0, 'Cộng,,10');
    lines.push('Tổng cộng,,2340000');
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    expect(bytes.byteLength).toBeGreaterThan(4 * 2 ** 20);
    const source = fromBytes('Tiếp dân lớn 2024.csv', bytes);
    const plan = await planImport(source, []);
    const preview = await previewImport(engine(), source, plan);
    const result = await importFile(engine(), fromBytes('Tiếp dân lớn 2024.csv', bytes), plan);
    expect(result.rows).toBe(120_000);
    expect(result.name).toBe(plan.tableName);
    expect(preview.report.found).toEqual(result.report.found);
    expect(preview.report.leftOut).toEqual(result.report.leftOut);
    expect(preview.info.columns).toEqual(result.columns);
    const first = await rows(engine(), `SELECT * FROM "${result.name}" LIMIT 3`);
    expect(preview.rows.toArray().slice(0, 3).map((r) => r.toJSON())).toEqual(first);
  });
});
