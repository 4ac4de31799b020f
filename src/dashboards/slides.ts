/** The slides of a presentation: one per page, or one per block (each on its page's filters;
 *  filter controls get no slide of their own, they show on the page's slides). */
import type { Block, Dashboard, Page } from './dashboard';

export interface Slide {
  page: Page;
  title: string;
  subtitle: string;
  blocks: Block[];
}

/** Grid rows a slide holds: more, and a chart would be shorter than a third of the slide. */
export const SLIDE_ROWS = 3;

/** A page's blocks in the slides they fill: laid out as the page grid does (12 columns, a line
 *  as tall as its tallest block), a new slide whenever the lines would pass SLIDE_ROWS. */
export function packSlides(blocks: Block[]): Block[][] {
  const slides: Block[][] = [[]];
  let rows = 0;
  let line: Block[] = [];
  let lineW = 0;
  const flush = () => {
    if (line.length === 0) return;
    const h = Math.max(...line.map((b) => b.size.h));
    if (rows > 0 && rows + h > SLIDE_ROWS) {
      slides.push([]);
      rows = 0;
    }
    slides.at(-1)!.push(...line);
    rows += h;
    line = [];
    lineW = 0;
  };
  for (const b of blocks) {
    if (lineW + b.size.w > 12) flush();
    line.push(b);
    lineW += b.size.w;
  }
  flush();
  return slides.filter((s) => s.length > 0);
}

export function slidesOf(d: Dashboard, mode: 'page' | 'block'): Slide[] {
  if (mode === 'page')
    return d.pages.flatMap((page) => {
      const parts = page.blocks.length > 0 ? packSlides(page.blocks) : [[]];
      return parts.map((blocks, i) => ({ page, title: page.title, subtitle: parts.length > 1 ? `${i + 1}/${parts.length}` : '', blocks }));
    });
  return d.pages.flatMap((page) => page.blocks.filter((b) => b.kind !== 'filter').map((b) => ({ page, title: b.title, subtitle: page.title, blocks: [b] })));
}
