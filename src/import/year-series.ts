/** Several files of one report for different years (`mo-hinh-2021.csv`, `mo-hinh-2022.csv`)
 *  → one table with a `Năm` column. Columns are matched by name even when the headers drift
 *  (`Tên đơn vị` / `Đơn vị`, case, spacing, diacritics). Pure functions; SQL in sql/. */
import { findYear } from './layout';
import { foldVietnamese, stripExtension } from './naming';
import { reportStem } from './presets';

export const YEAR_COLUMN = 'Năm';

/** `Tên đơn vị`, `ĐƠN VỊ`, `Don  vi` → `donvi`. */
export function columnKey(name: string): string {
  return foldVietnamese(name)
    .toLowerCase()
    .replace(/^\s*ten\s+/, '')
    .replace(/[^a-z0-9]+/g, '');
}

export function yearOfFile(fileName: string, titleYear: number | null): number | null {
  return findYear(stripExtension(fileName)) ?? titleYear;
}

export interface ColumnMatch {
  /** The name in the combined table (as written in the first file that has it). */
  name: string;
  /** For each file, its column matched to this one, or null. */
  sources: (string | null)[];
}

export function matchColumns(files: string[][]): ColumnMatch[] {
  const matches: ColumnMatch[] = [];
  const byKey = new Map<string, ColumnMatch>();
  files.forEach((columns, f) => {
    for (const column of columns) {
      const key = columnKey(column);
      let match = byKey.get(key);
      if (!match) {
        match = { name: column, sources: files.map(() => null) };
        byKey.set(key, match);
        matches.push(match);
      }
      if (match.sources[f] === null) match.sources[f] = column;
    }
  });
  return matches;
}

/** Files of the same report (same name once years are taken out), two or more of them. */
export function seriesGroups<T extends { fileName: string }>(items: T[]): { stem: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const stem = reportStem(item.fileName);
    if (stem) groups.set(stem, [...(groups.get(stem) ?? []), item]);
  }
  return [...groups.entries()].filter(([, list]) => list.length >= 2).map(([stem, list]) => ({ stem, items: list }));
}
