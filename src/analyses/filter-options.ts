/** What each filter control of an analysis can offer, read from the table itself. */
import type { Table } from 'apache-arrow';
import type { QueryLayer } from '../query/query-layer';
import { compareVi } from '../format/collate';
import { filterOptionsQuery, type FactSource, type UnitView } from '../sql/analysis';

export interface Option {
  key: string;
  label: string;
}

export interface FilterOptions {
  years: number[];
  unitTypes: string[];
  categories: string[];
  units: Option[];
}

export const NO_OPTIONS: FilterOptions = { years: [], unitTypes: [], categories: [], units: [] };

/** Read once per table, view of units and semantic version: the query layer keeps the
 *  result until the table or the maps change, and each result is read into options once. */
export async function filterOptions(queries: QueryLayer, source: FactSource, view: UnitView): Promise<FilterOptions> {
  const result = await queries.view(filterOptionsQuery(source, view));
  const known = read.get(result);
  if (known) return known;
  const out: FilterOptions = { years: [], unitTypes: [], categories: [], units: [] };
  for (const row of result.toArray() as { kind: string; key: string; label: string }[]) {
    if (row.kind === 'year') out.years.push(Number(row.key));
    else if (row.kind === 'unitType') out.unitTypes.push(row.key);
    else if (row.kind === 'category') out.categories.push(row.key);
    else out.units.push({ key: row.key, label: row.label });
  }
  out.years.sort((a, b) => a - b);
  // The engine orders by code point (`Đ` after `V`): lists are in Vietnamese order.
  out.unitTypes.sort(compareVi);
  out.categories.sort(compareVi);
  out.units.sort((a, b) => compareVi(a.label, b.label));
  read.set(result, out);
  return out;
}

const read = new WeakMap<Table, FilterOptions>();

/** The choices of several tables together (a dashboard page's filters apply to all of them).
 *  The same tables' options give the same object back: a change of a page's filters does not
 *  sort its thousands of units again, nor redraw the lists that show them. */
export function mergeOptions(list: FilterOptions[]): FilterOptions {
  if (list.length === 1) return list[0]!;
  if (lastMerged && lastMerged.list.length === list.length && lastMerged.list.every((o, i) => o === list[i])) return lastMerged.merged;
  const merged = mergeAll(list);
  lastMerged = { list: [...list], merged };
  return merged;
}

let lastMerged: { list: FilterOptions[]; merged: FilterOptions } | null = null;

function mergeAll(list: FilterOptions[]): FilterOptions {
  const units = new Map<string, Option>();
  for (const o of list) for (const u of o.units) if (!units.has(u.key)) units.set(u.key, u);
  const unique = <T>(values: T[]) => [...new Set(values)];
  return {
    years: unique(list.flatMap((o) => o.years)).sort((a, b) => a - b),
    unitTypes: unique(list.flatMap((o) => o.unitTypes)).sort(compareVi),
    categories: unique(list.flatMap((o) => o.categories)).sort(compareVi),
    units: [...units.values()].sort((a, b) => compareVi(a.label, b.label)),
  };
}
