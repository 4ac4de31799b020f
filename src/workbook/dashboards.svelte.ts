/** The workbook's dashboards as app state: its pages and blocks (saved with the workbook),
 *  the page shown, a click-filter between blocks, and the view kept in the URL's hash so a
 *  link reopens the same page and filters. */
import { bound, type AnalysisOptions } from '../analyses/catalogue';
import { semantics } from './semantics.svelte';
import { NO_OPTIONS, type FilterOptions } from '../analyses/filter-options';
import {
  addBlock,
  addPage,
  bindBlocks,
  emptyDashboard,
  hashToView,
  moveBlock,
  moveBlockTo,
  newBlock,
  newPage,
  removeBlock,
  removePage,
  setBlock,
  setPage,
  stepSize,
  viewToHash,
  type Block,
  type BlockContent,
  type BlockSize,
  type BlockKind,
  type CrossFilter,
  type Dashboard,
  type Page,
  type PageFilters,
} from '../dashboards/dashboard';

class Dashboards {
  dashboard: Dashboard = $state.raw(emptyDashboard());
  pageId: string | null = $state(null);
  /** A bar or unit clicked in one block; the page's other blocks follow it (not saved). */
  cross: CrossFilter | null = $state.raw(null);
  presenting = $state(false);
  /** What the shown page's filters can offer (years, unit types, units of its tables). */
  choices: FilterOptions = $state.raw(NO_OPTIONS);

  get page(): Page | null {
    return this.dashboard.pages.find((p) => p.id === this.pageId) ?? this.dashboard.pages[0] ?? null;
  }

  /** Replaces the whole dashboard (a workbook opened or restored). */
  load(d: Dashboard) {
    this.dashboard = bindBlocks(d, (o) => bound(o, semantics.model));
    this.cross = null;
    if (!d.pages.some((p) => p.id === this.pageId)) this.pageId = d.pages[0]?.id ?? null;
  }

  showPage(id: string) {
    this.pageId = id;
    this.cross = null;
  }

  addPage(title: string): Page {
    const page = newPage(title);
    this.dashboard = addPage(this.dashboard, page);
    this.pageId = page.id;
    return page;
  }

  removePage(id: string) {
    const i = this.dashboard.pages.findIndex((p) => p.id === id);
    this.dashboard = removePage(this.dashboard, id);
    if (this.pageId === id) this.pageId = this.dashboard.pages[Math.max(0, i - 1)]?.id ?? null;
  }

  setPage(patch: Partial<Omit<Page, 'id' | 'blocks'>>) {
    if (this.page) this.dashboard = setPage(this.dashboard, this.page.id, patch);
  }

  setFilters(patch: Partial<PageFilters>) {
    if (this.page) this.setPage({ filters: { ...this.page.filters, ...patch } });
  }

  /** Adds a block to the page shown (a first page is made when there is none). */
  add(kind: BlockKind, title: string, content: BlockContent, pageTitle: string): Block {
    const page = this.page ?? this.addPage(pageTitle);
    const block = newBlock(kind, title, content);
    this.dashboard = addBlock(this.dashboard, page.id, block);
    return block;
  }

  /** A block keeps the table it was made on (the one the analysis showed). */
  addAnalysis(kind: 'analysis' | 'kpi', title: string, analysis: AnalysisOptions, pageTitle: string) {
    return this.add(kind, title, { analysis: bound($state.snapshot(analysis) as AnalysisOptions, semantics.model) }, pageTitle);
  }

  /** Binds the blocks not yet bound to the tables they run on now (the sample's, an older
   *  file's); called once the semantic layer knows the tables. */
  bindTables() {
    this.dashboard = bindBlocks(this.dashboard, (o) => bound(o, semantics.model));
  }

  setBlock(id: string, patch: Partial<Omit<Block, 'id'>>) {
    if (this.page) this.dashboard = setBlock(this.dashboard, this.page.id, id, patch);
  }

  move(id: string, by: number) {
    if (this.page) this.dashboard = moveBlock(this.dashboard, this.page.id, id, by);
  }

  moveTo(id: string, to: number) {
    if (this.page) this.dashboard = moveBlockTo(this.dashboard, this.page.id, id, to);
  }

  resize(block: Block, axis: 'w' | 'h', by: 1 | -1) {
    this.setBlock(block.id, { size: stepSize(block.size, axis, by) });
  }

  sizeTo(block: Block, size: BlockSize) {
    if (size.w !== block.size.w || size.h !== block.size.h) this.setBlock(block.id, { size });
  }

  remove(id: string) {
    if (this.page) this.dashboard = removeBlock(this.dashboard, this.page.id, id);
    if (this.cross?.from === id) this.cross = null;
  }

  /** Clicking the same bar again clears the click-filter. */
  toggleCross(c: CrossFilter) {
    const same = this.cross && this.cross.from === c.from && this.cross.kind === c.kind && this.cross.value === c.value;
    this.cross = same ? null : c;
  }

  /** The page and filters as a hash for the address bar. */
  get hash(): string {
    const page = this.page;
    return page ? viewToHash({ page: page.id, filters: page.filters }) : '';
  }

  /** Opens the view a link names (page and filters), when the dashboard has that page. */
  applyHash(hash: string): boolean {
    const view = hashToView(hash);
    const page = this.dashboard.pages.find((p) => p.id === view.page);
    if (!page) return false;
    this.pageId = page.id;
    const f = view.filters;
    if (f.yearFrom !== null || f.yearTo !== null || f.unitTypes.length > 0 || f.units.length > 0) this.setFilters(f);
    return true;
  }
}

export const dashboards = new Dashboards();
