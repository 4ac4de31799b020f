/** The person's choices as app state (see choices.ts): the open tab and the Phân tích tab's
 *  analysis live here; the SQL result's sort and chart live on the workbook next to the result.
 *  Saved with the workbook, restored with it. */
import { defaultAnalysisOptions, type AnalysisOptions } from '../analyses/catalogue';
import { defaultChoices, type Tab, type WorkbookChoices } from './choices';
import { workbook } from './workbook.svelte';

class Choices {
  tab: Tab = $state('sql');
  /** Replaced whole on every change (never mutated), so a change is seen and saved. */
  analysis: AnalysisOptions = $state.raw(defaultAnalysisOptions());
  analysisAsTable = $state(false);

  snapshot(): WorkbookChoices {
    return { tab: this.tab, analysis: this.analysis, analysisAsTable: this.analysisAsTable, gridSort: workbook.gridSort, sqlChart: workbook.chartSpec };
  }

  load(c: WorkbookChoices = defaultChoices()) {
    this.tab = c.tab;
    this.analysis = c.analysis;
    this.analysisAsTable = c.analysisAsTable;
    workbook.gridSort = c.gridSort;
    workbook.chartSpec = c.sqlChart;
  }
}

export const choices = new Choices();
