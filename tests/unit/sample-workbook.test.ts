/** The sample workbook file made at build time: the same tables, meanings and dashboard as
 *  importing the five sample CSVs in the app. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSampleWorkbook } from '../../src/workbook/sample-workbook';
import { unpackWorkbook } from '../../src/workbook/workbook-file';
import { SAMPLE_QUERY } from '../../src/workbook/sample';
import { ROOT, sampleRows, useEngine } from '../helpers/engine';

const engine = useEngine();
const FILES = ['don-vi', 'mo-hinh-dan-van-kheo', 'xep-loai-dan-van', 'tiep-cong-dan', 'sap-xep-don-vi-2025'];

describe('the sample workbook file', () => {
  it('holds every sample table with all its rows, their meanings, and the sample dashboard bound to them', async () => {
    const files = await Promise.all(FILES.map(async (f) => ({ name: `${f}.csv`, bytes: new Uint8Array(await readFile(path.join(ROOT, 'data-samples', `${f}.csv`))) })));
    const opened = unpackWorkbook(await buildSampleWorkbook(engine(), files, SAMPLE_QUERY));
    const m = opened.manifest;
    expect(Object.fromEntries(m.tables.map((t) => [t.name, t.rows]))).toEqual(Object.fromEntries(FILES.map((f) => [f.replaceAll('-', '_'), sampleRows(f)])));
    expect(m.sql).toBe(SAMPLE_QUERY);
    expect(m.viewOnly).toBe(false);
    expect(m.origins?.tiep_cong_dan?.file).toBe('tiep-cong-dan.csv');
    // The units dictionary and the roles came from the same sync the app runs.
    expect(m.semantics.units.units.length).toBeGreaterThan(20);
    expect(Object.values(m.semantics.tables.tiep_cong_dan!.roles)).toContain('unit');
    const blocks = m.dashboard.pages.flatMap((p) => p.blocks);
    expect(blocks.length).toBeGreaterThan(5);
    for (const b of blocks.filter((x) => x.analysis)) expect(m.tables.map((t) => t.name)).toContain(b.analysis!.table);
  });
});
