import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, rowWindow } from '../../src/results/virtual-window';

describe('virtual rows window', () => {
  it('renders only the rows around the viewport', () => {
    const w = rowWindow(1_000, 30, 300, 3_000, 5);
    expect(w.first).toBe(95);
    expect(w.count).toBe(11 + 10);
    expect(w.offsetPx).toBe(95 * 30);
    expect(w.totalPx).toBe(30_000);
  });
  it('clamps at the start and the end', () => {
    expect(rowWindow(3, 30, 300, 0).count).toBe(3);
    const end = rowWindow(1_000, 30, 300, 30_000 - 300, 0);
    expect(end.first + end.count).toBe(1_000);
  });
  it('scales a 1,000,000-row result under the browser height limit and still reaches the last row', () => {
    const rows = 1_000_000;
    const top = rowWindow(rows, 30, 420, 0, 0);
    expect(top.totalPx).toBeLessThanOrEqual(MAX_SCROLL_PX);
    expect(top.first).toBe(0);
    const bottom = rowWindow(rows, 30, 420, top.totalPx - 420, 0);
    expect(bottom.first + bottom.count).toBe(rows);
    const middle = rowWindow(rows, 30, 420, (top.totalPx - 420) / 2, 0);
    expect(Math.abs(middle.first - rows / 2)).toBeLessThan(20);
  });
});
