/** The NFC pre-check read from Arrow bytes: every code point the engine's check would look at is
 *  named (compared with the engine's own class over the whole Basic Multilingual Plane), and
 *  ordinary Vietnamese text, punctuation included, is not. */
import { describe, expect, it } from 'vitest';
import { tableToIPC, tableFromArrays, vectorFromArray, Utf8, Table, Dictionary, Int32 } from 'apache-arrow';
import { bytesMayNotBeNfc, textColumnsMaybeNotNfc } from '../../src/import/nfc-scan';
import { MAY_NOT_BE_NFC, NOT_NFC_RANGES } from '../../src/sql/nfc-check';
import { useEngine } from '../helpers/engine';

const engine = useEngine();

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('NFC pre-check on bytes', () => {
  it('names every code point of the engine check’s class, and no other, across the BMP', () => {
    const listed = NOT_NFC_RANGES.flatMap((r) => {
      const [a, b = a] = r.split('-').map((h) => parseInt(h, 16)) as [number, number?];
      return [[a, b!] as const];
    });
    const inClass = (c: number) => /\p{M}/u.test(String.fromCharCode(c)) || (c >= 0x1100 && c <= 0x11ff) || listed.some(([a, b]) => c >= a && c <= b);
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (bytesMayNotBeNfc(utf8(`ab${String.fromCharCode(c)}cd`)) !== inClass(c)) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });

  it('names at least every code point the engine’s own check looks for', async () => {
    // The pattern as a constant (a bound pattern is compiled again for every row).
    const { table } = await engine().query(`SELECT list(c ORDER BY c) AS cs FROM range(128, 65536) AS t(c) WHERE (c < 55296 OR c > 57343) AND regexp_matches(chr(c::INTEGER), '${MAY_NOT_BE_NFC.replaceAll("'", "''")}')`);
    const engineClass = Array.from(table.get(0)!.cs.toArray() as ArrayLike<bigint | number>, Number);
    expect(engineClass.length).toBeGreaterThan(1000);
    expect(engineClass.filter((c) => !bytesMayNotBeNfc(utf8(String.fromCharCode(c))))).toEqual([]);
  });

  it('passes Vietnamese in NFC with its punctuation, and names it decomposed', () => {
    const text = 'Huyện Điện Biên – “Dân vận khéo” … Ủy ban nhân dân xã Ưng Hòa; 1.053 lượt, 44,5 %';
    expect(bytesMayNotBeNfc(utf8(text))).toBe(false);
    expect(bytesMayNotBeNfc(utf8(text.normalize('NFD')))).toBe(true);
    expect(bytesMayNotBeNfc(utf8('Ångström \u212B'))).toBe(true);
    // Outside the BMP, and bytes that are not UTF-8: left to the engine.
    expect(bytesMayNotBeNfc(utf8('số 😀'))).toBe(true);
    expect(bytesMayNotBeNfc(new Uint8Array([0x41, 0x80, 0x41]))).toBe(true);
  });

  it('names only the text columns holding such values, in any batch, dictionary text included', () => {
    const first = tableFromArrays({ n: Int32Array.from([1, 2]) });
    const make = (unit: string[], note: string[]) =>
      new Table({ n: first.getChild('n')!, unit: vectorFromArray(unit, new Utf8()), note: vectorFromArray(note, new Utf8()), kind: vectorFromArray(note, new Dictionary(new Utf8(), new Int32())) });
    const clean = make(['Xã Đông Hòa', 'Phường 1'], ['Tiếp dân', 'Khác']);
    expect([...textColumnsMaybeNotNfc(tableToIPC(clean, 'stream'))]).toEqual([]);
    // The second of two batches holds the decomposed name.
    const plain = (unit: string[]) => new Table({ n: first.getChild('n')!, unit: vectorFromArray(unit, new Utf8()) });
    const mixed = new Table([...plain(['Xã Đông Hòa', 'Phường 1']).batches, ...plain(['Xã Đông Hòa', 'Hoà'.normalize('NFD')]).batches]);
    expect(mixed.batches.length).toBe(2);
    expect([...textColumnsMaybeNotNfc(tableToIPC(mixed, 'stream'))]).toEqual(['unit']);
    const dict = make(['a', 'b'], ['x', 'Điện'.normalize('NFD')]);
    expect([...textColumnsMaybeNotNfc(tableToIPC(dict, 'stream'))].sort()).toEqual(['kind', 'note']);
    expect([...textColumnsMaybeNotNfc(tableToIPC(dict, 'stream'), new Set(['note']))]).toEqual(['kind']);
  });
});
