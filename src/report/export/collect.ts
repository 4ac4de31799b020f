/** One drawn dashboard page → its part of the report: for each block its sentences (from the
 *  function given, fed the rows the block drew), and its chart as an image, its rows as a
 *  table, its KPI figure or its note text. Reads what the page drew (block-results and the
 *  rendered KPI and note text); runs no query. */
import { resultOf } from '../../dashboards/block-results';
import type { Block, Page } from '../../dashboards/dashboard';
import { plainRows } from '../../results/columns';
import { chartImage } from './chart-image';
import { heatTableOf, sourcesOf, tableOf, type ReportBlock, type ReportPage, type SentencesFor } from './report';

export interface CollectContext {
  locale: 'vi' | 'en';
  sentencesFor: SentencesFor;
  /** The page's filters in words. */
  filters: string;
  /** The file a table was loaded from, when known. */
  fileOf: (table: string) => string | undefined;
  /** Every table name of the workbook (to name the sources of SQL blocks). */
  tableNames: string[];
  fontCss: string;
}

/** The result's rows as plain objects (the shape the sentence rules read). */
function rowsOf(block: Block): Record<string, unknown>[] {
  const table = resultOf(block.id)?.table;
  return table ? plainRows(table) : [];
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Tables a saved query names (as whole words). */
function tablesIn(sql: string, names: string[]): string[] {
  const lower = sql.toLowerCase();
  return names.filter((n) => new RegExp(`(^|[^a-z0-9_])${n.toLowerCase().replace(/[^a-z0-9_]/g, '\\$&')}($|[^a-z0-9_])`).test(lower));
}

async function collectBlock(block: Block, el: HTMLElement, ctx: CollectContext): Promise<ReportBlock> {
  const content = el.querySelector('[data-block-content]');
  // A block that failed says why, as on the page; rows it drew before are not its figures now.
  if (el.dataset.state === 'error') {
    const problem = text(content?.querySelector('[role="alert"]'));
    return { id: block.id, title: block.title, w: block.size.w, h: block.size.h, sentences: [], kind: 'empty', paragraphs: problem ? [problem] : [] };
  }
  const base = { id: block.id, title: block.title, w: block.size.w, h: block.size.h, sentences: ctx.sentencesFor(block, rowsOf(block)) };
  if (block.kind === 'note') {
    const TEXT = 'p, li, h1, h2, h3, h4, h5, h6, blockquote';
    // The innermost text blocks only: a quote's or an item's paragraphs are not written twice.
    const paragraphs = [...(content?.querySelectorAll(TEXT) ?? [])].filter((el) => !el.querySelector(TEXT)).map(text).filter(Boolean);
    return { ...base, kind: 'note', paragraphs };
  }
  const kpi = content?.querySelector('[data-testid="kpi"]');
  if (block.kind === 'kpi' && kpi) {
    const coverage = text(kpi.querySelector('.coverage'));
    return { ...base, kind: 'kpi', kpi: { label: text(kpi.querySelector('.label')), value: text(kpi.querySelector('.value')), change: text(kpi.querySelector('.change')), ...(coverage ? { coverage } : {}) } };
  }
  const result = resultOf(block.id);
  if (!result || result.table.numRows === 0) return { ...base, kind: 'empty' };
  const spec = result.spec;
  const image = spec ? await chartImage(result.table, spec, { locale: ctx.locale, title: block.title, width: block.size.w >= 8 ? 720 : 520, height: block.size.h >= 2 ? 400 : 300, fontCss: ctx.fontCss }) : null;
  // A heat table is a table in a document (its figures are quoted), a picture on a slide.
  if (spec?.type === 'heat') return { ...base, kind: 'table', table: heatTableOf(result.table, spec, ctx.locale), ...(image ? { image } : {}) };
  if (image) return { ...base, kind: 'chart', image };
  return { ...base, kind: 'table', table: tableOf(result.table, ctx.locale) };
}

/** `blocks`: the page's drawn block elements, in reading order. Filter controls are left out
 *  (the filters are written in words instead). */
export async function collectPage(page: Page, blocks: HTMLElement[], ctx: CollectContext): Promise<ReportPage> {
  const out: ReportBlock[] = [];
  const tables = new Set<string>();
  for (const el of blocks) {
    const block = page.blocks.find((b) => b.id === el.dataset.blockId);
    if (!block || block.kind === 'filter') continue;
    out.push(await collectBlock(block, el, ctx));
    const source = resultOf(block.id)?.source ?? block.analysis?.table ?? null;
    if (source) tables.add(source);
    if (block.kind === 'sql' && block.sql) for (const t of tablesIn(block.sql, ctx.tableNames)) tables.add(t);
  }
  return { id: page.id, title: page.title, filters: ctx.filters, notes: page.notes, sources: sourcesOf(tables, ctx.fileOf), blocks: out };
}
