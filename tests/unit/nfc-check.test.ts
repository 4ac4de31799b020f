import { describe, expect, it } from 'vitest';
import { NOT_NFC_RANGES } from '../../src/sql/nfc-check';
import { nfc } from '../../src/sql/statements';
import { rows, useEngine } from '../helpers/engine';
import { fromBytes, importFile } from '../../src/import/import-file';

const engine = useEngine();

describe('NFC only where needed', () => {
  it('lists every code point whose NFC differs from itself (NFC_QC = No)', () => {
    const ranges: string[] = [];
    let start = -1;
    let prev = -2;
    const push = () => start >= 0 && ranges.push(start === prev ? start.toString(16) : `${start.toString(16)}-${prev.toString(16)}`);
    for (let c = 0x80; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCodePoint(c);
      if (s.normalize('NFC') === s) continue;
      if (c !== prev + 1) {
        push();
        start = c;
      }
      prev = c;
    }
    push();
    expect(NOT_NFC_RANGES).toEqual(ranges);
  });

  it('normalises decomposed Vietnamese, singletons and jamo, and leaves NFC text as it is', async () => {
    const inputs = ['Tiếp công dân'.normalize('NFD'), 'Đất đai', '\u212B ngstrom', '\u1100\u1161', 'ASCII only', 'Hoà'.normalize('NFD'), 'e\u0301\u0323'];
    const sql = `SELECT ${inputs.map((_, i) => `${nfc(`$${i + 1}::VARCHAR`)} AS c${i}`).join(', ')}`;
    const [row] = await rows(engine(), sql, inputs);
    expect(Object.values(row!)).toEqual(inputs.map((s) => s.normalize('NFC')));
  });
});

describe('a Parquet file read in NFC', () => {
  it('normalises the columns whose batches hold decomposed text, wherever in the file it is, and leaves the others', async () => {
    const district = 'Huyện Điện Biên'.normalize('NFD');
    const name = 'Nguyễn Thị Hoà'.normalize('NFD');
    // 40,000 rows in several batches: a third of the units are decomposed, and one name only, in
    // a late batch (the bytes are read batch by batch on their way to the engine).
    const bytes = await engine().exportParquet(`
      SELECT i, CASE WHEN i % 3 = 0 THEN $$${district}$$ ELSE 'Sở Nội vụ' END AS unit,
             CASE WHEN i = 35000 THEN $$${name}$$ ELSE 'Người ' || i::VARCHAR END AS person, 'Kinh tế' AS field
      FROM range(40000) AS r(i)`);
    const { name: table } = await importFile(engine(), fromBytes('nfd.parquet', bytes));
    const [row] = await rows(
      engine(),
      `SELECT count(*) FILTER (WHERE unit = $1) AS units, count(*) FILTER (WHERE person = $2) AS people,
              count(*) FILTER (WHERE unit <> nfc_normalize(unit) OR person <> nfc_normalize(person)) AS decomposed FROM "${table}"`,
      [district.normalize('NFC'), name.normalize('NFC')],
    );
    expect(row).toEqual({ units: 13334n, people: 1n, decomposed: 0n });
  });
});
