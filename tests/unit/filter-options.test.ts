/** A dashboard page's filter choices: the union of its tables' choices, in Vietnamese order,
 *  and the same object again for the same tables' choices (so a change of the page's filters
 *  does not sort and redraw thousands of units). */
import { describe, expect, it } from 'vitest';
import { mergeOptions, type FilterOptions } from '../../src/analyses/filter-options';

const options = (units: string[], years: number[], unitTypes: string[] = []): FilterOptions => ({ years, unitTypes, categories: [], units: units.map((u) => ({ key: u, label: u })) });

describe('a page’s filter choices', () => {
  it('holds every table’s years, types and units once, in order', () => {
    const a = options(['Xã Vĩnh Lợi', 'Đồng Văn'], [2024, 2023], ['UBND xã']);
    const b = options(['Đồng Văn', 'An Phú'], [2025], ['Đảng ủy', 'UBND xã']);
    const merged = mergeOptions([a, b]);
    expect(merged.years).toEqual([2023, 2024, 2025]);
    expect(merged.unitTypes).toEqual(['Đảng ủy', 'UBND xã']);
    expect(merged.units.map((u) => u.label)).toEqual(['An Phú', 'Đồng Văn', 'Xã Vĩnh Lợi']);
  });

  it('gives the same object for the same tables’ choices, and a new one when they change', () => {
    const a = options(['B', 'A'], [2024]);
    const b = options(['C'], [2025]);
    const first = mergeOptions([a, b]);
    expect(mergeOptions([a, b])).toBe(first);
    const c = options(['D'], [2025]);
    const other = mergeOptions([a, c]);
    expect(other).not.toBe(first);
    expect(other.units.map((u) => u.key)).toEqual(['A', 'B', 'D']);
    expect(mergeOptions([a])).toBe(a);
  });
});
