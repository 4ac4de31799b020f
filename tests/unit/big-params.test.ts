/** A statement's bound parameters reach DuckDB-WASM's worker through its 1 MiB stack: a text
 *  past it took the whole tab down (the units map of a 5-million-row table, 10,000 units, was
 *  over 1 MB). The map is written in parts that stay far under it; the engine refuses larger
 *  parameters with a message instead of crashing. */
import { describe, expect, it } from 'vitest';
import { CREATE_UNIT_MAP, insertUnitMap, MAX_PARAMS_JSON, UNIT_MAP, type UnitMapRow } from '../../src/sql/semantic-tables';
import { MAX_PARAMS_BYTES, ParamsTooLargeError } from '../../src/engine/engine';
import { rows, useEngine } from '../helpers/engine';

const engine = useEngine();

const unit = (i: number): UnitMapRow => ({
  raw: `Ủy ban nhân dân xã Bình Định số ${i}`,
  unit_id: `X${String(i).padStart(5, '0')}`,
  unit_name: `Xã Bình Định số ${i}`,
  unit_type: 'UBND cấp xã',
  current_id: `X${String(i).padStart(5, '0')}`,
  current_name: `Phường Hòa Bình số ${i}`,
  current_type: 'UBND cấp xã',
});

describe('large bound parameters', () => {
  it('writes 10,000 units in parts, each well under the engine stack, and keeps every row', async () => {
    const units = Array.from({ length: 10_000 }, (_, i) => unit(i + 1));
    const inserts = insertUnitMap(units);
    expect(inserts.length).toBeGreaterThan(2);
    for (const s of inserts) expect(new TextEncoder().encode(JSON.stringify(s.params)).length).toBeLessThanOrEqual(MAX_PARAMS_JSON + 64);
    await engine().run(CREATE_UNIT_MAP);
    for (const s of inserts) await engine().run(s.sql, s.params);
    const [count] = await rows(engine(), `SELECT count(*)::INTEGER AS n, count(DISTINCT raw)::INTEGER AS d, max(current_name) FILTER (WHERE raw = 'Ủy ban nhân dân xã Bình Định số 9999') AS name FROM ${UNIT_MAP}`);
    expect(count).toEqual({ n: 10_000, d: 10_000, name: 'Phường Hòa Bình số 9999' });
  });

  it('refuses parameters the engine could not take, and goes on', async () => {
    const big = 'đ'.repeat(MAX_PARAMS_BYTES / 2 + 10);
    await expect(engine().run('SELECT length(CAST($1 AS VARCHAR)) AS n', [big])).rejects.toBeInstanceOf(ParamsTooLargeError);
    expect(await rows(engine(), 'SELECT 1 AS n')).toEqual([{ n: 1 }]);
  });
});
