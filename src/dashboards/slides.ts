/** The slides of a presentation: one per page, or one per block (each on its page's filters;
 *  filter controls get no slide of their own, they show on the page's slides). */
import type { Block, Dashboard, Page } from './dashboard';

export interface Slide {
  page: Page;
  title: string;
  subtitle: string;
  blocks: Block[];
}

export function slidesOf(d: Dashboard, mode: 'page' | 'block'): Slide[] {
  if (mode === 'page') return d.pages.map((page) => ({ page, title: page.title, subtitle: '', blocks: page.blocks }));
  return d.pages.flatMap((page) => page.blocks.filter((b) => b.kind !== 'filter').map((b) => ({ page, title: b.title, subtitle: page.title, blocks: [b] })));
}
