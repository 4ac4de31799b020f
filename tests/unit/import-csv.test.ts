import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fromBytes, importFile, ImportError } from '../../src/import/import-file';
import { listTableNames } from '../../src/engine/catalog';
import { importPath, rows, useEngine, sampleRows } from '../helpers/engine';

const engine = useEngine();
const utf8 = (s: string) => new TextEncoder().encode(s);
const importText = (name: string, text: string) => importFile(engine(), fromBytes(name, utf8(text)));

describe('CSV import', () => {
  it('names the table from the file and keeps header text as column names', async () => {
    const info = await importPath(engine(), 'tests/fixtures/Tiếp công dân 2022.csv');
    expect(info.name).toBe('tiep_cong_dan_2022');
    expect(info.rows).toBe(3);
    expect(info.columns.map((c) => c.name)).toEqual(['STT', 'Đơn vị', 'Lượt tiếp', 'Số người', 'Tỷ lệ']);
  });

  it('reads Vietnamese-style numbers (1.053, 44,5) as numbers whose sums are right', async () => {
    const info = await importPath(engine(), 'tests/fixtures/Tiếp công dân 2022.csv');
    const types = Object.fromEntries(info.columns.map((c) => [c.name, c.type]));
    expect(types['Lượt tiếp']).toBe('BIGINT');
    expect(types['Tỷ lệ']).toBe('DOUBLE');
    const [sum] = await rows(engine(), `SELECT sum("Lượt tiếp") AS s, sum("Tỷ lệ") AS r FROM "${info.name}"`);
    expect(Number(sum!.s)).toBe(1053 + 87 + 2100);
    expect(sum!.r).toBeCloseTo(44.5 + 12.25 + 7);
  });

  it('keeps international decimals as decimals', async () => {
    const info = await importText('intl.csv', 'name,value\na,1.5\nb,2.25\nc,1.053\n');
    const [r] = await rows(engine(), `SELECT sum(value) AS s FROM "${info.name}"`);
    expect(r!.s).toBeCloseTo(1.5 + 2.25 + 1.053);
  });

  it('decides from every value, not the first rows: a 1.053 after thousands of plain integers', async () => {
    const lines = ['Đơn vị,Lượt tiếp'];
    for (let i = 0; i < 30_000; i++) lines.push(`u${i},${i % 50}`);
    lines.push('cuối,1.053');
    const info = await importText('late-thousands.csv', lines.join('\n') + '\n');
    expect(info.rows).toBe(30_001);
    const [r] = await rows(engine(), `SELECT max("Lượt tiếp") AS m, typeof(max("Lượt tiếp")) AS t FROM "${info.name}"`);
    expect(Number(r!.m)).toBe(1053);
    expect(r!.t).toBe('BIGINT');
  });

  // Columns whose sample holds whole numbers are made numbers as they are read; any later value
  // that is not plainly one sends the file back to being read as text and decided from every
  // value, so the reading is the same as if it had been decided that way from the start.
  it.each([
    { late: '1.053', sep: ',', value: '1053', type: 'BIGINT', reads: 2 },
    { late: '"1,053"', sep: ',', value: '1053', type: 'BIGINT', reads: 2 },
    { late: '"1,5"', sep: ',', value: '1.5', type: 'DOUBLE', reads: 2 },
    { late: '"1,000"', sep: ',', value: '1000', type: 'BIGINT', reads: 2 },
    { late: '1,5', sep: ';', value: '1.5', type: 'DOUBLE', reads: 2 },
    { late: '1.000', sep: ';', value: '1000', type: 'BIGINT', reads: 2 },
    { late: '12.500.000', sep: ',', value: '12500000', type: 'BIGINT', reads: 2 },
    { late: '9007199254740993', sep: ',', value: '9007199254740993', type: 'BIGINT', reads: 1 },
    { late: ' 12 ', sep: ',', value: '12', type: 'BIGINT', reads: 1 },
    { late: '-', sep: ',', value: '-', type: 'VARCHAR', reads: 2 },
    { late: '', sep: ',', value: null, type: 'BIGINT', reads: 1 },
    { late: '49', sep: ';', value: '49', type: 'BIGINT', reads: 1 },
  ])('reads a late $late in a column of whole numbers ($sep) as $value ($type)', async ({ late, sep, value, type, reads }) => {
    const lines = [`Đơn vị${sep}Lượt tiếp${sep}Năm`];
    for (let i = 0; i < 30_000; i++) lines.push(`u${i}${sep}${i % 50}${sep}2024`);
    lines.push(`cuối${sep}${late}${sep}2024`);
    const statements: string[] = [];
    const run = engine().run.bind(engine());
    engine().run = (sql, params) => (statements.push(sql), run(sql, params));
    try {
      const info = await importText(`late-${reads}-${type}.csv`, lines.join('\n') + '\n');
      expect(info.rows).toBe(30_001);
      const [r] = await rows(engine(), `SELECT CAST("Lượt tiếp" AS VARCHAR) AS v, typeof("Lượt tiếp") AS t, typeof("Năm") AS y FROM "${info.name}" WHERE "Đơn vị" = 'cuối'`);
      expect(r).toEqual({ v: value, t: type, y: 'BIGINT' });
    } finally {
      engine().run = run;
    }
    // Read once when every value is plainly a whole number; once more as text otherwise.
    expect(statements.filter((s) => s.includes('read_csv(') && s.startsWith('CREATE TABLE'))).toHaveLength(reads);
  });

  // Columns whose sample holds decimals are made numbers as they are read too; a later value
  // shaped like thousands groups (`1.053`), whose meaning depends on the other values, or one
  // that is not a number, sends the file back to being decided from every value.
  it.each([
    { late: '12.75', sep: ',', value: '12.75', type: 'DOUBLE', reads: 1 },
    { late: ' 7.25 ', sep: ',', value: '7.25', type: 'DOUBLE', reads: 1 },
    { late: '40', sep: ',', value: '40.0', type: 'DOUBLE', reads: 1 },
    { late: '', sep: ',', value: null, type: 'DOUBLE', reads: 1 },
    { late: '1.053', sep: ',', value: '1.053', type: 'DOUBLE', reads: 2 },
    { late: '95.500', sep: ';', value: '95.5', type: 'DOUBLE', reads: 2 },
    { late: ' 1.053 ', sep: ';', value: '1.053', type: 'DOUBLE', reads: 2 },
    { late: '"44,5"', sep: ',', value: '44,5', type: 'VARCHAR', reads: 2 },
    // Two points are never a decimal: among decimals the column stays text as written (it was a NULL).
    { late: '12.500.000', sep: ',', value: '12.500.000', type: 'VARCHAR', reads: 2 },
    { late: '-', sep: ',', value: '-', type: 'VARCHAR', reads: 2 },
  ])('reads a late $late in a column of decimals ($sep) as $value ($type)', async ({ late, sep, value, type, reads }) => {
    const lines = [`Đơn vị${sep}Điểm${sep}Năm`];
    for (let i = 0; i < 30_000; i++) lines.push(`u${i}${sep}${i % 50}.5${sep}2024`);
    lines.push(`cuối${sep}${late}${sep}2024`);
    const statements: string[] = [];
    const run = engine().run.bind(engine());
    engine().run = (sql, params) => (statements.push(sql), run(sql, params));
    try {
      const info = await importText(`late-decimal-${reads}-${type}.csv`, lines.join('\n') + '\n');
      expect(info.rows).toBe(30_001);
      const [r] = await rows(engine(), `SELECT CAST("Điểm" AS VARCHAR) AS v, typeof("Điểm") AS t, typeof("Năm") AS y FROM "${info.name}" WHERE "Đơn vị" = 'cuối'`);
      expect(r).toEqual({ v: value, t: type, y: 'BIGINT' });
      const [sum] = await rows(engine(), `SELECT sum(TRY_CAST("Điểm" AS DOUBLE)) AS s FROM "${info.name}" WHERE "Đơn vị" <> 'cuối'`);
      // The other values are the same whichever way the column was read.
      expect(Number(sum!.s)).toBeCloseTo(30_000 * 25);
    } finally {
      engine().run = run;
    }
    expect(statements.filter((s) => s.includes('read_csv(') && s.startsWith('CREATE TABLE'))).toHaveLength(reads);
  });

  it('stores text NFC so a typed name matches a decomposed one in the file', async () => {
    const decomposed = 'Đie\u0302\u0323n Bie\u0302n'.normalize('NFD');
    const info = await importText('nfc.csv', `Đơn vị,n\n${decomposed},1\n`);
    const found = await rows(engine(), `SELECT n FROM "${info.name}" WHERE "Đơn vị" = ?`, ['Điện Biên'.normalize('NFC')]);
    expect(found).toHaveLength(1);
  });

  // Past the size of a report read line by line, the engine reads the file in one pass: a name
  // that is not NFC, in any text column and on any line, is still stored NFC.
  it.each([
    { where: 'a later text column, last line', at: 'last' },
    { where: 'a later text column, first line', at: 'first' },
  ])('stores NFC a decomposed name in $where of a large file', async ({ at }) => {
    const decomposed = 'Mường Phăng'.normalize('NFD');
    const lines = ['Năm,Quý,Mã,Đơn vị,Số,Nội dung,Ghi chú'];
    for (let i = 0; i < 80_000; i++) lines.push(`2024,${(i % 4) + 1},X${i},Xã ${i},${i % 7},Tiếp công dân,ghi chú thường ${i % 13}`);
    const odd = `2024,1,X_lẻ,Xã lẻ,3,Tiếp công dân,${decomposed}`;
    if (at === 'last') lines.push(odd);
    else lines.splice(1, 0, odd);
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    const info = await importText(`nfc-${at}.csv`, text);
    const found = await rows(engine(), `SELECT count(*)::INTEGER AS n FROM "${info.name}" WHERE "Ghi chú" = ?`, ['Mường Phăng'.normalize('NFC')]);
    expect(found).toEqual([{ n: 1 }]);
  });

  // The header line is read in the dialect the sniffer found, without sniffing the file again;
  // the reader's own sniffing is only the fallback.
  it.each([
    { name: 'comma, LF', text: 'Năm,Đơn vị,Số người\n2024,Xã A,3\n2024,Xã B,4\n' },
    { name: 'semicolon, CRLF, a quoted header holding the separator', text: 'Năm;"Đơn vị; cấp xã";Số người\r\n2024;Xã A;3\r\n2024;"Xã B; mới";4\r\n' },
    { name: 'tab', text: 'Năm\tĐơn vị\tSố người\n2024\tXã A\t3\n' },
    { name: 'byte order mark', text: '\uFEFFNăm,Đơn vị,Số người\n2024,Xã A,3\n' },
  ])('reads the header line of a file ($name) in the dialect found', async ({ text }) => {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const [header, ...lines] = text.split(eol).filter(Boolean);
    const big = [header, ...Array.from({ length: 40_000 }, (_, i) => lines[i % lines.length])].join(eol) + eol;
    const statements: string[] = [];
    const run = engine().run.bind(engine());
    engine().run = (sql, params) => (statements.push(sql), run(sql, params));
    try {
      const info = await importText('header-dialect.csv', big);
      expect(info.columns.map((c) => c.name)).toEqual(['Năm', text.includes('cấp xã') ? 'Đơn vị; cấp xã' : 'Đơn vị', 'Số người']);
      expect(info.rows).toBe(40_000);
    } finally {
      engine().run = run;
    }
    expect(statements.filter((s) => s.includes('auto_detect = false'))).toHaveLength(1);
    expect(statements.filter((s) => s.includes('all_varchar = true'))).toHaveLength(0);
  });

  it('names empty and repeated headers by the contract', async () => {
    const info = await importText('headers.csv', 'Năm,,Năm, Số   người \n2024,x,2023,5\n');
    expect(info.columns.map((c) => c.name)).toEqual(['Năm', 'column_2', 'Năm (2)', 'Số người']);
  });

  it('reads tab- and semicolon-separated files', async () => {
    const tsv = await importText('a.tsv', 'Năm\tĐơn vị\tSố\n2024\tA\t3\n2024\tB\t4\n');
    expect(tsv.columns.map((c) => c.name)).toEqual(['Năm', 'Đơn vị', 'Số']);
    expect(tsv.rows).toBe(2);
    const semi = await importText('b.txt', 'Năm;Đơn vị;Số\n2024;A;3\n');
    expect(semi.columns.map((c) => c.name)).toEqual(['Năm', 'Đơn vị', 'Số']);
  });

  it('reads a UTF-8 file with a byte-order mark without a stray character in the first name', async () => {
    const info = await importText('bom.csv', '\uFEFFSTT,Đơn vị\n1,A\n');
    expect(info.columns[0]!.name).toBe('STT');
  });

  it('loads the sample CSVs with plausible figures', async () => {
    const models = await importPath(engine(), 'data-samples/mo-hinh-dan-van-kheo.csv');
    expect(models.rows).toBe(sampleRows('mo-hinh-dan-van-kheo'));
    const perYear = await rows(engine(), `SELECT "Năm", sum("Số mô hình") AS n FROM "${models.name}" GROUP BY 1 ORDER BY 1`);
    expect(perYear).toHaveLength(7);
    for (const y of perYear) expect(Number(y.n)).toBeGreaterThan(100);
  });
});

describe('bad files', () => {
  const attempt = async (name: string, bytes: Uint8Array) => {
    try {
      await importFile(engine(), fromBytes(name, bytes));
    } catch (error) {
      return error;
    }
    return null;
  };

  it('refuses an empty file, a binary file and an unknown extension with a named reason', async () => {
    const empty = await attempt('trống.csv', new Uint8Array());
    expect(empty).toBeInstanceOf(ImportError);
    expect((empty as ImportError).problem).toBe('empty');
    expect((empty as ImportError).fileName).toBe('trống.csv');
    const binary = await attempt('ảnh.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3, 0]));
    expect((binary as ImportError).problem).toBe('binary');
    expect(((await attempt('x.docx', utf8('hello'))) as ImportError).problem).toBe('unsupported');
  });

  it('refuses a file named .parquet that is not Parquet', async () => {
    expect(((await attempt('sai.parquet', utf8('a,b\n1,2\n'))) as ImportError).problem).toBe('binary');
  });

  it('reports an engine read failure and leaves earlier tables intact', async () => {
    const before = await importText('truoc.csv', 'a,b\n1,2\n');
    // From DuckDB's own tests: a line deep in the file that its reader rejects.
    const bytes = new Uint8Array(await readFile('tests/corpus/csv/comments/error.csv'));
    const error = await attempt('hong.csv', bytes);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).problem).toBe('read-failed');
    expect((error as ImportError).detail).not.toBe('');
    expect(await listTableNames(engine())).toContain(before.name);
    const [r] = await rows(engine(), `SELECT count(*) AS n FROM "${before.name}"`);
    expect(Number(r!.n)).toBe(1);
  });

  it('reads bytes that are not UTF-8 through the Windows-1252 fallback', async () => {
    const info = await importFile(engine(), fromBytes('latin.csv', new Uint8Array([...utf8('a,b\nCaf'), 0xe9, ...utf8(',2\n')])));
    const [r] = await rows(engine(), `SELECT a FROM "${info.name}"`);
    expect(r!.a).toBe('Café');
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await importFile(engine(), fromBytes('huy.csv', utf8('a\n1\n')), { signal: controller.signal }).catch((e) => e);
    expect((error as ImportError).problem).toBe('cancelled');
    expect(await listTableNames(engine())).not.toContain('huy');
  });
});

describe('CSV import: one read into a staging table', () => {
  const hiddenTables = async () =>
    (await rows(engine(), `SELECT table_name FROM information_schema.tables WHERE starts_with(table_name, '__')`)).map((r) => String(r.table_name));

  it('reads a 1.053 with spaces around it, after thousands of plain integers, as 1053', async () => {
    const lines = ['Đơn vị,Lượt tiếp,Số người'];
    for (let i = 0; i < 30_000; i++) lines.push(`u${i},${i % 50},${i % 7}`);
    lines.push('cuối, 1.053 ,2');
    const info = await importText('late-spaced.csv', lines.join('\n') + '\n');
    const [r] = await rows(engine(), `SELECT max("Lượt tiếp") AS m, typeof(max("Lượt tiếp")) AS t, sum("Số người") AS s FROM "${info.name}"`);
    expect(Number(r!.m)).toBe(1053);
    expect(r!.t).toBe('BIGINT');
    expect(Number(r!.s)).toBe(Array.from({ length: 30_000 }, (_, i) => i % 7).reduce((a, b) => a + b, 0) + 2);
    expect(await hiddenTables()).toEqual([]);
  });

  it('leaves total and empty lines out, drops an empty unnamed column and keeps the column order', async () => {
    const lines = ['STT,Đơn vị,,Lượt tiếp,Ngày'];
    for (let i = 0; i < 500; i++) lines.push(`${i + 1},Xã ${i},,${i},${String((i % 28) + 1).padStart(2, '0')}/03/2024`);
    lines.push(',,,,', ',Tổng cộng,,"124.750",');
    const info = await importText('tong.csv', lines.join('\n') + '\n');
    expect(info.rows).toBe(500);
    expect(info.columns.map((c) => [c.name, c.type])).toEqual([
      ['STT', 'BIGINT'],
      ['Đơn vị', 'VARCHAR'],
      ['Lượt tiếp', 'BIGINT'],
      ['Ngày', 'DATE'],
    ]);
    expect(info.report).toMatchObject({ totalRows: 1, emptyRows: 1, droppedColumns: 1 });
    expect(await hiddenTables()).toEqual([]);
  });

  it('falls back to reading every column as text when a typed column has a bad cell late, leaving nothing behind', async () => {
    const lines = ['Ngày,Số'];
    for (let i = 0; i < 30_000; i++) lines.push(`2024-01-${String((i % 28) + 1).padStart(2, '0')},${i}`);
    lines.push('không rõ,5');
    const info = await importText('ngay-hong.csv', lines.join('\n') + '\n');
    expect(info.rows).toBe(30_001);
    expect(Object.fromEntries(info.columns.map((c) => [c.name, c.type]))).toEqual({ Ngày: 'VARCHAR', Số: 'BIGINT' });
    expect(await hiddenTables()).toEqual([]);
  });

  for (const when of ['while the file is read', 'after the file is read']) {
    it(`leaves no staging table when cancelled ${when}`, async () => {
      const e = engine();
      const run = e.run.bind(e);
      const controller = new AbortController();
      let staged = false;
      e.run = async (sql: string, params?: unknown[]) => {
        const reading = /^CREATE TABLE "__csv_/.test(sql);
        if (reading && when.startsWith('while')) setTimeout(() => controller.abort(), 5);
        const result = await run(sql, params);
        if (reading) staged = true;
        if (reading && when.startsWith('after')) controller.abort();
        return result;
      };
      try {
        const lines = ['Đơn vị,Số'];
        for (let i = 0; i < 200_000; i++) lines.push(`u${i},${i}`);
        const error = await importFile(e, fromBytes('huy-giua.csv', utf8(lines.join('\n') + '\n')), { signal: controller.signal }).catch((x) => x);
        expect((error as ImportError).problem).toBe('cancelled');
      } finally {
        e.run = run;
      }
      if (when.startsWith('after')) expect(staged).toBe(true);
      expect(await listTableNames(e)).not.toContain('huy_giua');
      expect(await hiddenTables()).toEqual([]);
    });
  }
});

describe('CSV import of a file too large to be read line by line', () => {
  it('counts and leaves out total and empty lines, and keeps unnamed columns that hold something', async () => {
    const lines = ['STT,Đơn vị,,Lượt tiếp,,'];
    for (let i = 0; i < 150_000; i++) lines.push(`${i + 1},Xã Điện Biên Đông ${i % 300},,${i % 50},${i % 3 === 0 ? '2024-02-01' : ''},${i === 7 ? 'x' : ''}`);
    lines.push(',,,,,', ', ,,,,', ',Tổng cộng,,3675000,,', ',Cộng:,,3675000,,');
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    const info = await importText('lon.csv', text);
    expect(info.rows).toBe(150_000);
    expect(info.columns.map((c) => [c.name, c.type])).toEqual([
      ['STT', 'BIGINT'],
      ['Đơn vị', 'VARCHAR'],
      ['Lượt tiếp', 'BIGINT'],
      ['column_5', 'DATE'],
      ['column_6', 'VARCHAR'],
    ]);
    expect(info.report).toMatchObject({ totalRows: 2, emptyRows: 2, droppedColumns: 1 });
    const [r] = await rows(engine(), `SELECT sum("Lượt tiếp") AS s FROM "${info.name}"`);
    expect(Number(r!.s)).toBe(Array.from({ length: 150_000 }, (_, i) => i % 50).reduce((a, b) => a + b, 0));
  });
});

describe('CSV import of a wide file', () => {
  it('profiles and types a thousand columns (past the parser depth and the in-place steps)', async () => {
    const n = 1100;
    const lines = [Array.from({ length: n }, (_, i) => `c${i}`).join(',')];
    for (let r = 0; r < 20; r++) lines.push(Array.from({ length: n }, (_, i) => (i % 3 ? String((r * i) % 97) : `x${r}`)).join(','));
    lines.push(Array.from({ length: n }, (_, i) => (i === 1 ? '1.053' : i % 3 ? '1' : 'y')).join(','));
    const info = await importText('rong.csv', lines.join('\n') + '\n');
    expect(info.rows).toBe(21);
    expect(info.columns).toHaveLength(n);
    expect(info.columns.slice(0, 4).map((c) => c.type)).toEqual(['VARCHAR', 'BIGINT', 'BIGINT', 'VARCHAR']);
    const [r] = await rows(engine(), `SELECT max(c1) AS m FROM "${info.name}"`);
    expect(Number(r!.m)).toBe(1053);
    const hidden = await rows(engine(), `SELECT table_name FROM information_schema.tables WHERE starts_with(table_name, '__')`);
    expect(hidden).toEqual([]);
  });
});
