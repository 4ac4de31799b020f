/** The dashboard that comes with the sample workbook: an overview page and a reception page,
 *  in the interface language of the moment it is made. */
import { defaultAnalysisOptions, type AnalysisOptions } from '../analyses/catalogue';
import { newBlock, newPage, type Dashboard } from '../dashboards/dashboard';
import { t } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/vi';

const analysis = (patch: Partial<AnalysisOptions>): AnalysisOptions => ({ ...defaultAnalysisOptions(), ...patch });
const view = (kind: string, v: string) => `${t(`analysis.kind.${kind}` as MessageKey)} — ${t(`analysis.view.${v}` as MessageKey)}`;

export function sampleDashboard(): Dashboard {
  const overview = {
    ...newPage(t('dashboard.sampleOverview')),
    notes: t('dashboard.sampleOverviewNotes'),
    blocks: [
      newBlock('kpi', t('dashboard.kpiModels'), { analysis: analysis({ kind: 'models' }) }),
      newBlock('kpi', t('dashboard.kpiExcellent'), { analysis: analysis({ kind: 'classification', view: 'distribution' }) }),
      newBlock('kpi', t('dashboard.kpiReception'), { analysis: analysis({ kind: 'reception' }) }),
      newBlock('analysis', view('models', 'byUnit'), { analysis: analysis({ kind: 'models', filters: { yearFrom: 2023, yearTo: 2024, unitTypes: [], units: [], categories: [] } }) }, { w: 12, h: 2 }),
      newBlock('analysis', view('classification', 'distributionPct'), { analysis: analysis({ kind: 'classification', view: 'distributionPct' }) }, { w: 8, h: 2 }),
      newBlock('note', t('dashboard.note'), { markdown: t('dashboard.sampleNote') }, { w: 4, h: 2 }),
    ],
  };
  const reception = {
    ...newPage(t('dashboard.sampleReception')),
    notes: t('dashboard.sampleReceptionNotes'),
    blocks: [
      newBlock('analysis', view('reception', 'top'), { analysis: analysis({ kind: 'reception', view: 'top', top: 5 }) }, { w: 6, h: 2 }),
      newBlock('analysis', view('reception', 'bySubject'), { analysis: analysis({ kind: 'reception', view: 'bySubject' }) }, { w: 6, h: 2 }),
    ],
  };
  return { pages: [overview, reception] };
}
