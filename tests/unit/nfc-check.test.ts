import { describe, expect, it } from 'vitest';
import { NOT_NFC_RANGES } from '../../src/sql/nfc-check';
import { nfc } from '../../src/sql/statements';
import { rows, useEngine } from '../helpers/engine';

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
