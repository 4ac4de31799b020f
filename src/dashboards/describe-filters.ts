/** A page's filters in words, for the snapshot and the printed page. */
import type { FilterOptions } from '../analyses/filter-options';
import { t } from '../i18n/i18n.svelte';
import type { PageFilters } from './dashboard';

export function describeFilters(f: PageFilters, choices: Pick<FilterOptions, 'units'>): string {
  const parts: string[] = [];
  if (f.yearFrom !== null) parts.push(`${t('analysis.yearFrom')} ${f.yearFrom}`);
  if (f.yearTo !== null) parts.push(`${t('analysis.yearTo')} ${f.yearTo}`);
  if (f.unitTypes.length > 0) parts.push(`${t('analysis.unitTypes')}: ${f.unitTypes.join(', ')}`);
  if (f.units.length > 0) parts.push(`${t('analysis.units')}: ${f.units.map((k) => choices.units.find((u) => u.key === k)?.label ?? k).join(', ')}`);
  return parts.join(' · ');
}
