/** Result column names of the analyses, in the interface language. */
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';
import type { Labels } from '../sql/analysis';

export function analysisLabels(locale: 'vi' | 'en'): Labels {
  const c = locale === 'en' ? en : vi;
  return {
    year: c['label.year'],
    unit: c['label.unit'],
    unitType: c['label.unitType'],
    level: c['label.level'],
    previous: c['label.previous'],
    change: c['label.change'],
    changePct: c['label.changePct'],
    share: c['label.share'],
    rank: c['label.rank'],
    average: c['label.average'],
    vsAverage: c['label.vsAverage'],
    total: c['label.total'],
    movement: c['label.movement'],
    up: c['label.up'],
    down: c['label.down'],
    same: c['label.same'],
    notComparable: c['label.notComparable'],
    count: c['label.count'],
  };
}
