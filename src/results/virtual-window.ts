/** Which rows of a long result to render for a scroll position. Browsers cap an element's
 *  height (~33 M px in Chromium), so past MAX_SCROLL_PX the scroll range is scaled. */
export const MAX_SCROLL_PX = 8_000_000;

export interface RowWindow {
  first: number;
  count: number;
  /** Height of the scrollable body, and the offset at which the first rendered row sits. */
  totalPx: number;
  offsetPx: number;
}

export function rowWindow(rows: number, rowPx: number, viewportPx: number, scrollTop: number, overscan = 8): RowWindow {
  const naturalPx = rows * rowPx;
  const totalPx = Math.min(naturalPx, MAX_SCROLL_PX);
  const visible = Math.ceil(viewportPx / rowPx) + 1;
  const maxScroll = Math.max(1, totalPx - viewportPx);
  const lastStart = Math.max(0, rows - visible);
  const topRow = naturalPx === totalPx ? Math.floor(scrollTop / rowPx) : Math.round((Math.min(scrollTop, maxScroll) / maxScroll) * lastStart);
  const first = Math.max(0, Math.min(topRow, lastStart) - overscan);
  const count = Math.min(rows - first, visible + 2 * overscan);
  // Keep the rendered rows under the viewport: in the scaled case they are placed at scrollTop.
  const offsetPx = naturalPx === totalPx ? first * rowPx : Math.max(0, scrollTop - (topRow - first) * rowPx);
  return { first, count, totalPx, offsetPx };
}
