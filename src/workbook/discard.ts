/** Steps that throw work away (deleting a table, a dashboard page or block) ask first, saying
 *  what goes, and keep the workbook as a version before they run, so *Phiên bản trước* can undo
 *  them. Opening a workbook file and restoring a version ask the same way (persistence). */
import { i18n, t } from '../i18n/i18n.svelte';
import { formatNumber } from '../format/number';
import { dashboards } from './dashboards.svelte';
import { persistence } from './persistence.svelte';
import { workbook } from './workbook.svelte';

export async function dropTableAsking(name: string): Promise<boolean> {
  const table = workbook.tables.find((x) => x.name === name);
  if (!table) return false;
  const lost = t('discard.table', { table: name, n: formatNumber(table.rows, i18n.locale), columns: table.columns.length });
  if (!(await persistence.confirmDiscard({ kind: 'drop-table', table: name }, lost))) return false;
  await workbook.dropTable(name);
  return true;
}

export async function removePageAsking(id: string): Promise<boolean> {
  const page = dashboards.dashboard.pages.find((p) => p.id === id);
  if (!page) return false;
  const title = page.title || t('dashboard.untitled');
  const lost = t('discard.page', { page: title, n: page.blocks.length });
  if (!(await persistence.confirmDiscard({ kind: 'remove-page', page: title }, lost))) return false;
  dashboards.removePage(id);
  return true;
}

export async function removeBlockAsking(id: string): Promise<boolean> {
  const block = dashboards.page?.blocks.find((b) => b.id === id);
  if (!block) return false;
  const title = block.title || t('dashboard.untitled');
  if (!(await persistence.confirmDiscard({ kind: 'remove-block', block: title }, t('discard.block', { block: title, page: dashboards.page?.title ?? '' })))) return false;
  dashboards.remove(id);
  return true;
}
