/** What an import will do with a file: everything the preview shows and the user may change. */
import type { Encoding } from './encoding';
import type { FileKind } from './file-kind';
import type { StyleChoice } from './number-style';
import type { Unpivot } from './wide-table';
import type { LeftOutLine } from './report-shape';
import type { Reconciliation } from './reconcile';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export interface ImportPlan {
  fileName: string;
  kind: FileKind;
  tableName: string;
  encoding: Encoding;
  /** The column separator; '' lets DuckDB's sniffer decide. */
  delimiter: string;
  /** Index of the (first) header line among the file's lines; 0 for a plain table. */
  headerRow: number;
  headerLines: 1 | 2;
  /** Physical lines before the first data line (title + header lines) when `headerRow` > 0 or
   *  the header has two lines; null for a plain table, read with DuckDB's own detection. */
  dataStartLine: number | null;
  /** Header names found by the layout analysis (null: take the file's first line). */
  columns: string[] | null;
  titleLines: string[];
  /** Position of the STT (row number) column, recognised from its header. */
  rowNumberColumn: number | null;
  /** Year found in the title, offered as a `Năm` column. */
  year: number | null;
  addYearColumn: boolean;
  /** Keep subtotal and total lines as rows (they count every unit again). */
  keepTotals: boolean;
  /** Section label lines become columns (`Nhóm`…) instead of rows. */
  sections: boolean;
  /** The footer (notes, distribution list, signatures) is left out. */
  dropFooter: boolean;
  /** Lines (row indexes of the file) the person put back into the table. */
  keptRows: number[];
  /** Column position → forced number style. */
  styles: Record<number, StyleChoice>;
  /** Turn the wide columns into long form after loading (null: keep the table as it is). */
  unpivot: Unpivot | null;
  /** Add the rows to this existing table (next year's file of the same report) instead of
   *  making a new one; null: a new table. */
  appendTo: string | null;
  /** For XLSX: the sheet to read. */
  sheet: string | null;
  sheets: string[];
}

/** What an import did besides loading rows, for the notice shown afterwards. */
export interface ImportReport {
  totalRows: number;
  emptyRows: number;
  droppedColumns: number;
  titleLines: string[];
  /** For each column of the table, its position in the file (null: added, like `Năm`). */
  columnSources: (number | null)[];
  /** Lines of the body kept out of the table (sections, totals, footer, empty lines). */
  leftOut: LeftOutLine[];
  /** Columns made from section labels. */
  sectionColumns: string[];
  footerLines: string[];
  /** Lines of each kind found in the body, whether or not they are left out. */
  found: Record<'section' | 'subtotal' | 'total' | 'footer', number>;
  /** The file's own totals against the sums of its units. */
  reconciliation: Reconciliation;
  /** Columns read in the number style that the file's totals confirm, not the one guessed. */
  readByTotals: { column: string; style: 'vi' | 'intl' }[];
  /** Rows added to an existing table (see `ImportPlan.appendTo`). */
  appendedRows?: number;
}

/** What a table was loaded from, kept with it: the file, its title and footer lines (the
 *  report's metadata), and whether the file's own totals agreed with its units. */
export interface TableOrigin {
  file: string;
  titleLines: string[];
  footerLines: string[];
  reconciliation: Reconciliation['state'];
  /** For a mismatch: `measure, line n: file ≠ units`, one per disagreeing figure. */
  mismatches: string[];
}
