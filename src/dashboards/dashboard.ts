/** Pages of blocks that leaders see in meetings: the plain data, and pure functions that
 *  change it (add, move, resize, remove). Saved with the workbook. */
import type { AnalysisOptions } from '../analyses/catalogue';
import type { Filters } from '../sql/analysis';
import { NO_FILTERS } from '../sql/analysis';

export type BlockKind = 'analysis' | 'kpi' | 'note';

/** Width in twelfths of the page; height in rows of about 10 rem. */
export interface BlockSize {
  w: 3 | 4 | 6 | 8 | 12;
  h: 1 | 2 | 3;
}

export interface Block {
  id: string;
  kind: BlockKind;
  title: string;
  /** analysis and kpi blocks. */
  analysis?: AnalysisOptions;
  /** note blocks: Markdown, shown sanitised. */
  markdown?: string;
  size: BlockSize;
}

/** Filters every block of the page follows (on top of its own). */
export interface PageFilters {
  yearFrom: number | null;
  yearTo: number | null;
  unitTypes: string[];
  /** Unit keys of the units dictionary (or names as written, for unmatched units). */
  units: string[];
}

export interface Page {
  id: string;
  title: string;
  /** Speaker notes for presentation mode. */
  notes: string;
  filters: PageFilters;
  blocks: Block[];
}

export interface Dashboard {
  pages: Page[];
}

export const NO_PAGE_FILTERS: PageFilters = { yearFrom: null, yearTo: null, unitTypes: [], units: [] };
export const WIDTHS: BlockSize['w'][] = [3, 4, 6, 8, 12];
export const HEIGHTS: BlockSize['h'][] = [1, 2, 3];

let counter = 0;
const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export const emptyDashboard = (): Dashboard => ({ pages: [] });

export function newPage(title: string): Page {
  return { id: newId('p'), title, notes: '', filters: { ...NO_PAGE_FILTERS }, blocks: [] };
}

export function newBlock(kind: BlockKind, title: string, content: { analysis?: AnalysisOptions; markdown?: string }): Block {
  const size: BlockSize = kind === 'kpi' ? { w: 3, h: 1 } : kind === 'note' ? { w: 4, h: 1 } : { w: 6, h: 2 };
  return { id: newId('b'), kind, title, size, ...content };
}

function updatePage(d: Dashboard, pageId: string, change: (p: Page) => Page): Dashboard {
  return { pages: d.pages.map((p) => (p.id === pageId ? change(p) : p)) };
}

export function addPage(d: Dashboard, page: Page): Dashboard {
  return { pages: [...d.pages, page] };
}

export function removePage(d: Dashboard, pageId: string): Dashboard {
  return { pages: d.pages.filter((p) => p.id !== pageId) };
}

export function setPage(d: Dashboard, pageId: string, patch: Partial<Omit<Page, 'id' | 'blocks'>>): Dashboard {
  return updatePage(d, pageId, (p) => ({ ...p, ...patch }));
}

export function addBlock(d: Dashboard, pageId: string, block: Block): Dashboard {
  return updatePage(d, pageId, (p) => ({ ...p, blocks: [...p.blocks, block] }));
}

export function setBlock(d: Dashboard, pageId: string, blockId: string, patch: Partial<Omit<Block, 'id'>>): Dashboard {
  return updatePage(d, pageId, (p) => ({ ...p, blocks: p.blocks.map((b) => (b.id === blockId ? { ...b, ...patch } : b)) }));
}

export function removeBlock(d: Dashboard, pageId: string, blockId: string): Dashboard {
  return updatePage(d, pageId, (p) => ({ ...p, blocks: p.blocks.filter((b) => b.id !== blockId) }));
}

/** Moves a block `by` places in reading order (-1: earlier, +1: later), within bounds. */
export function moveBlock(d: Dashboard, pageId: string, blockId: string, by: number): Dashboard {
  return updatePage(d, pageId, (p) => {
    const from = p.blocks.findIndex((b) => b.id === blockId);
    const to = Math.max(0, Math.min(p.blocks.length - 1, from + by));
    if (from < 0 || from === to) return p;
    const blocks = [...p.blocks];
    const [moved] = blocks.splice(from, 1);
    blocks.splice(to, 0, moved!);
    return { ...p, blocks };
  });
}

/** A block's own filters narrowed by the page's: the page's year range, unit types and units
 *  apply wherever they are set. */
export function effectiveFilters(own: Filters, page: PageFilters): Filters {
  return {
    ...own,
    yearFrom: page.yearFrom ?? own.yearFrom,
    yearTo: page.yearTo ?? own.yearTo,
    unitTypes: page.unitTypes.length > 0 ? page.unitTypes : own.unitTypes,
    units: page.units.length > 0 ? page.units : own.units,
  };
}

/** A saved dashboard, or an empty one when it is not one. */
export function parseDashboard(value: unknown): Dashboard {
  if (!value || typeof value !== 'object' || !Array.isArray((value as Dashboard).pages)) return emptyDashboard();
  const pages = (value as Dashboard).pages.filter((p) => p && typeof p.id === 'string' && Array.isArray(p.blocks));
  return {
    pages: pages.map((p) => ({
      id: p.id,
      title: String(p.title ?? ''),
      notes: String(p.notes ?? ''),
      filters: { ...NO_PAGE_FILTERS, ...(p.filters ?? {}) },
      blocks: p.blocks
        .filter((b) => b && typeof b.id === 'string' && ['analysis', 'kpi', 'note'].includes(b.kind))
        .map((b) => ({
          ...b,
          title: String(b.title ?? ''),
          size: { w: WIDTHS.includes(b.size?.w) ? b.size.w : 6, h: HEIGHTS.includes(b.size?.h) ? b.size.h : 2 },
          analysis: b.analysis ? { ...b.analysis, filters: { ...NO_FILTERS, ...b.analysis.filters } } : undefined,
        })),
    })),
  };
}
