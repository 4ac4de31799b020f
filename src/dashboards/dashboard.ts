/** Pages of blocks that leaders see in meetings: the plain data, and pure functions that
 *  change it (add, move, resize, remove). Saved with the workbook. */
import { defaultAnalysisOptions, type AnalysisOptions } from '../analyses/catalogue';
import { CHART_TYPES, type ChartSpec } from '../charts/chart-spec';
import { NO_FILTERS, type Filters } from '../sql/analysis';

/** analysis: a chart (or table) of an analysis; sql: the result of a saved query, charted as
 *  chosen; kpi: one figure with its change and trend; note: Markdown text; filter: the page's
 *  filter controls, placed on the page (and on its slide) like any other block; insight
 *  ("Nhận định"): the sentences for another block of the page, or for all its analyses. */
export type BlockKind = 'analysis' | 'sql' | 'kpi' | 'note' | 'filter' | 'insight';
export const BLOCK_KINDS: BlockKind[] = ['analysis', 'sql', 'kpi', 'note', 'filter', 'insight'];

/** Width in twelfths of the page; height in grid rows. */
export interface BlockSize {
  w: 3 | 4 | 6 | 8 | 12;
  h: 1 | 2 | 3;
}
export const WIDTHS: BlockSize['w'][] = [3, 4, 6, 8, 12];
export const HEIGHTS: BlockSize['h'][] = [1, 2, 3];

export interface Block {
  id: string;
  kind: BlockKind;
  title: string;
  size: BlockSize;
  /** analysis and kpi blocks. */
  analysis?: AnalysisOptions;
  /** sql blocks. */
  sql?: string;
  /** sql blocks: the chart chosen for the result (none: the default chart for its columns). */
  chart?: ChartSpec;
  /** note blocks: Markdown, shown sanitised. */
  markdown?: string;
  /** insight blocks: the id of the block they speak for; absent: every analysis and KPI
   *  block of the page. */
  about?: string;
}

/** Filters every analysis and KPI block of a page follows, on top of its own. */
export interface PageFilters {
  yearFrom: number | null;
  yearTo: number | null;
  unitTypes: string[];
  /** Unit keys of the units dictionary (or names as written, for unmatched units). */
  units: string[];
}
export const NO_PAGE_FILTERS: PageFilters = { yearFrom: null, yearTo: null, unitTypes: [], units: [] };

/** A click on a bar or unit of one block: the other blocks of the page follow it. */
export interface CrossFilter {
  /** The block clicked (it keeps showing everything, so the choice stays visible). */
  from: string;
  kind: 'unit' | 'year';
  /** Unit key or year. */
  value: string;
  /** As shown (the unit's name). */
  label: string;
}

export interface Page {
  id: string;
  title: string;
  /** Speaker notes, shown in presentation mode on request. */
  notes: string;
  filters: PageFilters;
  blocks: Block[];
}

export interface Dashboard {
  pages: Page[];
}

let counter = 0;
const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export const emptyDashboard = (): Dashboard => ({ pages: [] });

export function newPage(title: string): Page {
  return { id: newId('p'), title, notes: '', filters: { ...NO_PAGE_FILTERS }, blocks: [] };
}

const DEFAULT_SIZE: Record<BlockKind, BlockSize> = { kpi: { w: 4, h: 1 }, note: { w: 4, h: 1 }, analysis: { w: 6, h: 2 }, sql: { w: 6, h: 2 }, filter: { w: 12, h: 1 }, insight: { w: 6, h: 2 } };

export type BlockContent = Pick<Block, 'analysis' | 'sql' | 'chart' | 'markdown' | 'about'>;

export function newBlock(kind: BlockKind, title: string, content: BlockContent = {}, size = DEFAULT_SIZE[kind]): Block {
  return { id: newId('b'), kind, title, size, ...content };
}

function updatePage(d: Dashboard, pageId: string, change: (p: Page) => Page): Dashboard {
  return { pages: d.pages.map((p) => (p.id === pageId ? change(p) : p)) };
}

export const addPage = (d: Dashboard, page: Page): Dashboard => ({ pages: [...d.pages, page] });

export const removePage = (d: Dashboard, pageId: string): Dashboard => ({ pages: d.pages.filter((p) => p.id !== pageId) });

export function setPage(d: Dashboard, pageId: string, patch: Partial<Omit<Page, 'id' | 'blocks'>>): Dashboard {
  return updatePage(d, pageId, (p) => ({ ...p, ...patch }));
}

export function addBlock(d: Dashboard, pageId: string, block: Block): Dashboard {
  return updatePage(d, pageId, (p) => ({ ...p, blocks: [...p.blocks, block] }));
}

export function setBlock(d: Dashboard, pageId: string, blockId: string, patch: Partial<Omit<Block, 'id'>>): Dashboard {
  return updatePage(d, pageId, (p) => ({ ...p, blocks: p.blocks.map((b) => (b.id === blockId ? { ...b, ...patch } : b)) }));
}

/** Every analysis and KPI block not yet bound to a table gets the one it would run on now
 *  (`bind`); bound blocks are left as they are, so a later import never changes them. */
export function bindBlocks(d: Dashboard, bind: (o: AnalysisOptions) => AnalysisOptions): Dashboard {
  let changed = false;
  const pages = d.pages.map((p) => ({
    ...p,
    blocks: p.blocks.map((b) => {
      if (!b.analysis || b.analysis.table !== null) return b;
      const analysis = bind(b.analysis);
      if (analysis.table === null) return b;
      changed = true;
      return { ...b, analysis };
    }),
  }));
  return changed ? { pages } : d;
}

export function removeBlock(d: Dashboard, pageId: string, blockId: string): Dashboard {
  return updatePage(d, pageId, (p) => ({ ...p, blocks: p.blocks.filter((b) => b.id !== blockId) }));
}

/** Moves a block `by` places in reading order (-1: earlier, +1: later), within bounds. */
export function moveBlock(d: Dashboard, pageId: string, blockId: string, by: number): Dashboard {
  const from = d.pages.find((p) => p.id === pageId)?.blocks.findIndex((b) => b.id === blockId) ?? -1;
  return from < 0 ? d : moveBlockTo(d, pageId, blockId, from + by);
}

/** Puts a block at place `to` in reading order (a block dragged onto another takes its place). */
export function moveBlockTo(d: Dashboard, pageId: string, blockId: string, to: number): Dashboard {
  return updatePage(d, pageId, (p) => {
    const from = p.blocks.findIndex((b) => b.id === blockId);
    to = Math.max(0, Math.min(p.blocks.length - 1, to));
    if (from < 0 || from === to) return p;
    const blocks = [...p.blocks];
    const [moved] = blocks.splice(from, 1);
    blocks.splice(to, 0, moved!);
    return { ...p, blocks };
  });
}

/** The next (or previous) allowed size: wider/narrower, taller/shorter. */
export function stepSize(size: BlockSize, axis: 'w' | 'h', by: 1 | -1): BlockSize {
  const steps: readonly number[] = axis === 'w' ? WIDTHS : HEIGHTS;
  const i = Math.max(0, Math.min(steps.length - 1, steps.indexOf(size[axis]) + by));
  return { ...size, [axis]: steps[i] } as BlockSize;
}

/** The allowed size nearest to a size dragged out in grid units (columns, rows). */
export function nearestSize(columns: number, rows: number): BlockSize {
  const nearest = <T extends number>(steps: readonly T[], v: number) => steps.reduce((best, s) => (Math.abs(s - v) < Math.abs(best - v) ? s : best));
  return { w: nearest(WIDTHS, columns), h: nearest(HEIGHTS, rows) };
}

/** A block's own filters narrowed by the page's and by a click in another block. */
export function effectiveFilters(own: Filters, page: PageFilters, cross: CrossFilter | null = null, blockId = ''): Filters {
  const f: Filters = {
    ...own,
    yearFrom: page.yearFrom ?? own.yearFrom,
    yearTo: page.yearTo ?? own.yearTo,
    unitTypes: page.unitTypes.length > 0 ? page.unitTypes : own.unitTypes,
    units: page.units.length > 0 ? page.units : own.units,
  };
  if (!cross || cross.from === blockId) return f;
  if (cross.kind === 'unit') return { ...f, units: [cross.value] };
  const year = Number(cross.value);
  return { ...f, yearFrom: year, yearTo: year };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
const year = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

function parseFilters(v: unknown): PageFilters {
  const f = isObject(v) ? v : {};
  return { yearFrom: year(f.yearFrom), yearTo: year(f.yearTo), unitTypes: strings(f.unitTypes), units: strings(f.units) };
}

export function parseChart(v: unknown): ChartSpec | null {
  if (!isObject(v) || !CHART_TYPES.includes(v.type as ChartSpec['type']) || typeof v.x !== 'string' || typeof v.y !== 'string') return null;
  return { type: v.type as ChartSpec['type'], x: v.x, y: v.y, color: typeof v.color === 'string' ? v.color : null };
}

function parseBlock(v: unknown): Block | null {
  if (!isObject(v) || typeof v.id !== 'string' || !BLOCK_KINDS.includes(v.kind as BlockKind)) return null;
  const size = isObject(v.size) ? v.size : {};
  const kind = v.kind as BlockKind;
  const block: Block = {
    id: v.id,
    kind,
    title: String(v.title ?? ''),
    size: {
      w: WIDTHS.includes(size.w as BlockSize['w']) ? (size.w as BlockSize['w']) : DEFAULT_SIZE[kind].w,
      h: HEIGHTS.includes(size.h as BlockSize['h']) ? (size.h as BlockSize['h']) : DEFAULT_SIZE[kind].h,
    },
  };
  if ((kind === 'analysis' || kind === 'kpi') && isObject(v.analysis)) {
    const a = v.analysis as Partial<AnalysisOptions>;
    block.analysis = { ...defaultAnalysisOptions(), ...a, filters: { ...NO_FILTERS, ...(isObject(a.filters) ? a.filters : {}) } };
  }
  if (kind === 'sql') {
    block.sql = String(v.sql ?? '');
    const chart = parseChart(v.chart);
    if (chart) block.chart = chart;
  }
  if (kind === 'note') block.markdown = String(v.markdown ?? '');
  if (kind === 'insight' && typeof v.about === 'string') block.about = v.about;
  return block;
}

/** A saved dashboard; whatever is not one (missing, damaged, foreign) reads as empty. */
export function parseDashboard(value: unknown): Dashboard {
  if (!isObject(value) || !Array.isArray(value.pages)) return emptyDashboard();
  const pages: Page[] = [];
  for (const p of value.pages) {
    if (!isObject(p) || typeof p.id !== 'string' || !Array.isArray(p.blocks)) continue;
    pages.push({
      id: p.id,
      title: String(p.title ?? ''),
      notes: String(p.notes ?? ''),
      filters: parseFilters(p.filters),
      blocks: p.blocks.map(parseBlock).filter((b): b is Block => b !== null),
    });
  }
  return { pages };
}

/** The view a link reopens: page and filters, in the URL's hash (`#trang=…&tu=2019…`). */
export interface ViewState {
  page: string | null;
  filters: PageFilters;
}

export function viewToHash(view: ViewState): string {
  const q = new URLSearchParams();
  if (view.page) q.set('trang', view.page);
  if (view.filters.yearFrom !== null) q.set('tu', String(view.filters.yearFrom));
  if (view.filters.yearTo !== null) q.set('den', String(view.filters.yearTo));
  for (const t of view.filters.unitTypes) q.append('loai', t);
  for (const u of view.filters.units) q.append('dv', u);
  const s = q.toString();
  return s ? `#${s}` : '';
}

export function hashToView(hash: string): ViewState {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const num = (k: string) => {
    const v = q.get(k);
    return v !== null && /^\d{4}$/.test(v) ? Number(v) : null;
  };
  return { page: q.get('trang'), filters: { yearFrom: num('tu'), yearTo: num('den'), unitTypes: q.getAll('loai'), units: q.getAll('dv') } };
}
