/** What a table was loaded from, as the workbook keeps it (file, title and footer lines, the
 *  totals check), from an import's report. */
import type { ImportReport, TableOrigin } from './import-plan';
import { describeMismatches } from './reconcile';
import { formatNumber } from '../format/number';

export function tableOrigin(file: string, report: ImportReport): TableOrigin {
  return {
    file,
    titleLines: report.titleLines,
    footerLines: report.footerLines,
    reconciliation: report.reconciliation.state,
    mismatches: describeMismatches(report.reconciliation, (n) => formatNumber(n, 'vi')),
  };
}
