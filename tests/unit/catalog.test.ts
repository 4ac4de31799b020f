/** The table listing the app keeps after an import (the new table described on its own, the
 *  others as listed) is what the engine's catalog would list: same types, same order. */
import { describe, expect, it } from 'vitest';
import { describeTable, listTables, withTable } from '../../src/engine/catalog';
import { useEngine } from '../helpers/engine';

const engine = useEngine();

const TYPES = ['42::INTEGER', '1::HUGEINT', '1.5::DECIMAL(18,3)', "DATE '2025-07-01'", "TIMESTAMP '2025-07-01 12:00'", "INTERVAL '1 day'", "'x'::BLOB", "'Tốt'::ENUM('Tốt', 'Đạt')", '[1, 2]::INTEGER[]', "{'a': 1, 'b': 'x'}", "MAP {'k': 1}", "'Điện Biên'", 'true', '1.5::DOUBLE'];

describe('the table listing after an import', () => {
  it('describes a table with the catalog’s own type names', async () => {
    await engine().run(`CREATE TABLE kieu AS SELECT ${TYPES.map((v, i) => `${v} AS "c ${i}"`).join(', ')}, 'x' AS "Đơn vị"`);
    const listed = (await listTables(engine())).find((t) => t.name === 'kieu');
    expect(await describeTable(engine(), 'kieu')).toEqual(listed);
  });

  it('puts the new table where the engine lists it, and leaves hidden tables out', async () => {
    const names = ['bao_cao', 'Báo cáo', 'zeta', 'Alpha', 'đơn_vị', 'a b', '_x', 'ä', '𝔘nit', '\uFFFDx', 'bao_cao_2'];
    for (const name of names.slice(0, -1)) await engine().run(`CREATE TABLE "${name}" (x INTEGER)`);
    const before = await listTables(engine());
    await engine().run('CREATE TABLE "bao_cao_2" (x INTEGER, y VARCHAR)');
    await engine().run('CREATE TABLE "__hidden" (x INTEGER)');
    const after = await listTables(engine());
    expect(withTable(before, await describeTable(engine(), 'bao_cao_2'))).toEqual(after);
    expect(withTable(after, await describeTable(engine(), '__hidden'))).toEqual(after);
    // A table described again (rows appended) takes its old place.
    await engine().run('INSERT INTO "zeta" VALUES (1), (2)');
    expect(withTable(after, await describeTable(engine(), 'zeta'))).toEqual(await listTables(engine()));
  });
});
