/** The choices made for one report, remembered so next year's file loads the same way.
 *  Reports are recognised by their file name without years, quarters and separators. */
import type { Encoding } from './encoding';
import type { ImportPlan } from './import-plan';
import type { StyleChoice } from './number-style';
import { foldVietnamese, stripExtension } from './naming';
import { revisePlan } from './plan-file';

export interface ImportPreset {
  encoding: Encoding;
  delimiter: string;
  headerRow: number;
  headerLines: 1 | 2;
  keepTotals: boolean;
  /** Section lines as a column, the footer left out (absent in older presets: yes, yes). */
  sections?: boolean;
  dropFooter?: boolean;
  addYearColumn: boolean;
  styles: Record<number, StyleChoice>;
  /** The table the report's files were added to (absent: each file made a table). */
  appendTo?: string | null;
}

/** `Mô hình DVK 2022.csv`, `mo-hinh-dvk-2023.csv` → `mo_hinh_dvk`. */
export function reportStem(fileName: string): string {
  return foldVietnamese(stripExtension(fileName))
    .toLowerCase()
    .replace(/\b(19|20)\d{2}\b/g, ' ')
    .replace(/\b(q|quy|quarter)\s*[1-4]\b/g, ' ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function presetOf(plan: ImportPlan): ImportPreset {
  const { encoding, delimiter, headerRow, headerLines, keepTotals, sections, dropFooter, addYearColumn, styles, appendTo } = plan;
  return { encoding, delimiter, headerRow, headerLines, keepTotals, sections, dropFooter, addYearColumn, styles, appendTo };
}

export function withPreset(plan: ImportPlan, preset: ImportPreset, head: Uint8Array): ImportPlan {
  const layoutChanged =
    preset.encoding !== plan.encoding ||
    (preset.delimiter !== '' && preset.delimiter !== plan.delimiter) ||
    preset.headerRow !== plan.headerRow ||
    preset.headerLines !== plan.headerLines;
  const revised = layoutChanged
    ? revisePlan(plan, head, {
        encoding: preset.encoding,
        delimiter: preset.delimiter || plan.delimiter,
        headerRow: preset.headerRow,
        headerLines: preset.headerLines,
      })
    : plan;
  return {
    ...revised,
    keepTotals: preset.keepTotals,
    sections: preset.sections ?? true,
    dropFooter: preset.dropFooter ?? true,
    addYearColumn: revised.year !== null && preset.addYearColumn,
    styles: { ...preset.styles },
  };
}
