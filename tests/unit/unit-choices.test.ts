/** The units filter past a few hundred units: the chosen ones always listed, the others found by
 *  the words typed (tones and case aside), never more than the list can show. */
import { describe, expect, it } from 'vitest';
import { listedUnits, unitSearchKeys, UNITS_LISTED } from '../../src/analyses/unit-choices';

const units = Array.from({ length: 9000 }, (_, i) => ({ key: `code:${i}`, label: i % 3 === 0 ? `Xã Đông Hòa ${i}` : i % 3 === 1 ? `Phường Bình Kiến ${i}` : `UBND huyện Tuy An ${i}` }));
const keys = unitSearchKeys(units);

describe('units listed in a filter', () => {
  it('lists the first units up to the limit when nothing is typed or chosen', () => {
    const { listed, matches } = listedUnits(units, keys, [], '');
    expect(listed).toEqual(units.slice(0, UNITS_LISTED));
    expect(matches).toBe(9000);
  });

  it('finds units by words without tones or case, in the list’s order', () => {
    const { listed, matches } = listedUnits(units, keys, [], 'dong hoa 12');
    // Each word anywhere in the name: "12" in 12, 120, 8121…
    const expected = units.filter((u) => u.label.startsWith('Xã Đông Hòa') && u.label.split(' ').at(-1)!.includes('12'));
    expect(listed.map((u) => u.label)).toEqual(expected.map((u) => u.label));
    expect(matches).toBe(listed.length);
    expect(listedUnits(units, keys, [], 'ĐÔNG  HÒA').matches).toBe(3000);
    expect(listedUnits(units, keys, [], 'không có').listed).toEqual([]);
  });

  it('always lists the units chosen, even when the words typed do not name them, and keeps to the limit', () => {
    const chosen = ['code:8999', 'code:1'];
    const { listed } = listedUnits(units, keys, chosen, 'tuy an');
    expect(listed.filter((u) => chosen.includes(u.key)).map((u) => u.key).sort()).toEqual([...chosen].sort());
    expect(listed).toHaveLength(UNITS_LISTED);
    // The list's own order, chosen units in their place.
    expect(listed.map((u) => Number(u.key.slice(5)))).toEqual([...listed.map((u) => Number(u.key.slice(5)))].sort((a, b) => a - b));
    const many = units.slice(0, UNITS_LISTED + 10).map((u) => u.key);
    expect(listedUnits(units, keys, many, 'xa').listed).toHaveLength(UNITS_LISTED + 10);
  });
});
