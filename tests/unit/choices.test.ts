/** The person's choices as saved in the workbook: read back as written, and field by field
 *  back to the defaults when a file holds something else. */
import { describe, expect, it } from 'vitest';
import { defaultAnalysisOptions, type AnalysisOptions } from '../../src/analyses/catalogue';
import { defaultChoices, parseAnalysisOptions, parseChoices, type WorkbookChoices } from '../../src/workbook/choices';

describe('saved choices', () => {
  it('reads back what was saved', () => {
    const analysis: AnalysisOptions = {
      ...defaultAnalysisOptions(),
      kind: 'custom',
      view: 'custom',
      table: 'tiep_cong_dan',
      measure: 'Lượt tiếp',
      aggregate: 'avg',
      dims: ['year', 'category'],
      compare: 'share',
      filters: { yearFrom: 2021, yearTo: 2024, unitTypes: ['UBND cấp huyện'], units: ['H01'], categories: ['Đất đai'] },
      unitView: 'current',
      yearA: 2021,
      yearB: 2024,
      level: 3,
      top: 0,
    };
    const choices: WorkbookChoices = { tab: 'analyses', analysis, analysisAsTable: true, gridSort: { sql: 'SELECT 1 AS "Số"', column: 'Số', descending: true }, sqlChart: { type: 'line', x: 'Năm', y: 'n', color: null } };
    expect(parseChoices(JSON.parse(JSON.stringify(choices)))).toEqual(choices);
  });

  it('falls back to the defaults, field by field', () => {
    expect(parseChoices(undefined)).toEqual(defaultChoices());
    expect(parseChoices('x')).toEqual(defaultChoices());
    const read = parseChoices({ tab: 'khác', analysis: { kind: 'models', view: 'top', top: -3, level: 9, dims: ['year', 'x'], filters: { yearFrom: '2020', units: ['a', 1] } }, gridSort: { column: 'a' } });
    expect(read.tab).toBe('sql');
    expect(read.gridSort).toBeNull();
    expect(read.analysis).toMatchObject({ kind: 'models', view: 'byUnit', top: 10, level: 2, dims: ['year'] });
    expect(read.analysis.filters).toEqual({ yearFrom: null, yearTo: null, unitTypes: [], units: ['a'], categories: [] });
  });

  it('keeps a view only with its own subject', () => {
    expect(parseAnalysisOptions({ kind: 'classification', view: 'transitions' })).toMatchObject({ kind: 'classification', view: 'transitions' });
    expect(parseAnalysisOptions({ kind: 'classification', view: 'byUnit' })).toMatchObject({ kind: 'classification', view: 'distribution' });
  });
});
