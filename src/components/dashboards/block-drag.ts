/** Arranging blocks with the pointer: drag a block by its handle onto another to take its
 *  place, or drag its corner to resize it in whole grid cells. The buttons in the block's
 *  header do the same from the keyboard. */
import { nearestSize, type BlockSize } from '../../dashboards/dashboard';

const BLOCK = '[data-testid="dashboard-block"]';

/** Follows one pointer from `start` until it is released; `move` sees every position. */
function follow(start: PointerEvent, move: (e: PointerEvent) => void): Promise<PointerEvent | null> {
  const target = start.currentTarget as HTMLElement;
  target.setPointerCapture(start.pointerId);
  return new Promise((resolve) => {
    const end = (e: PointerEvent) => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', end);
      target.removeEventListener('pointercancel', end);
      resolve(e.type === 'pointerup' ? e : null);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', end);
    target.addEventListener('pointercancel', end);
  });
}

/** While the pointer is held near the window's top or bottom edge, the page scrolls, so a
 *  block can be dragged to one out of view. Returns the function that stops it. */
function scrollNearEdges(latest: () => PointerEvent, moved: (e: PointerEvent) => void): () => void {
  const EDGE = 48;
  const timer = setInterval(() => {
    const e = latest();
    const by = e.clientY < EDGE ? -16 : e.clientY > innerHeight - EDGE ? 16 : 0;
    if (by === 0) return;
    scrollBy(0, by);
    moved(e);
  }, 30);
  return () => clearInterval(timer);
}

function blockUnder(e: PointerEvent, self: Element): string | null {
  const el = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>(BLOCK);
  return el && el !== self && el.parentElement === self.parentElement ? (el.dataset.blockId ?? null) : null;
}

/** The id of the block the dragged one was dropped on (null: dropped elsewhere or cancelled).
 *  The block it would land on carries `data-drop` meanwhile, for a marker. */
export async function dragOntoBlock(start: PointerEvent, self: HTMLElement): Promise<string | null> {
  start.preventDefault();
  const grid = self.parentElement!;
  const mark = (id: string | null) => {
    for (const el of grid.querySelectorAll<HTMLElement>(BLOCK)) el.toggleAttribute('data-drop', id !== null && el.dataset.blockId === id);
  };
  self.toggleAttribute('data-dragging', true);
  let last = start;
  const stop = scrollNearEdges(
    () => last,
    (e) => mark(blockUnder(e, self)),
  );
  const up = await follow(start, (e) => {
    last = e;
    mark(blockUnder(e, self));
  });
  stop();
  mark(null);
  self.toggleAttribute('data-dragging', false);
  return up ? blockUnder(up, self) : null;
}

/** The size a block's corner was dragged to, snapped to the allowed widths and heights of the
 *  page grid; `preview` sees each snapped size on the way. Null when cancelled. */
export async function dragToSize(start: PointerEvent, block: HTMLElement, preview: (size: BlockSize | null) => void): Promise<BlockSize | null> {
  start.preventDefault();
  const grid = block.parentElement!;
  const style = getComputedStyle(grid);
  const gap = parseFloat(style.columnGap) || 0;
  const rowGap = parseFloat(style.rowGap) || 0;
  const column = (grid.clientWidth - 11 * gap) / 12;
  const row = parseFloat(style.gridAutoRows) || 176;
  const box = block.getBoundingClientRect();
  const sizeAt = (e: PointerEvent) => nearestSize((e.clientX - box.left + gap) / (column + gap), (e.clientY - box.top + rowGap) / (row + rowGap));
  const up = await follow(start, (e) => preview(sizeAt(e)));
  preview(null);
  return up ? sizeAt(up) : null;
}
