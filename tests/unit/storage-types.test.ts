/** Every type a table can hold after ordinary SQL comes back from the saved form with the same
 *  typeof and the same value (the real engine and the real Parquet codec). */
import { describe, expect, it } from 'vitest';
import { describeTable } from '../../src/engine/catalog';
import { isRestorableType, storedAs } from '../../src/sql/storage-types';
import { restoreTypes, storeTable } from '../../src/workbook/table-storage';
import { rows, useEngine } from '../helpers/engine';

const engine = useEngine();

const VALUES: [string, string][] = [
  ['i', '42::INTEGER'],
  ['big', '9007199254740993::BIGINT'],
  ['huge', '170141183460469231731687303715884105727::HUGEINT'],
  ['uhuge', '340282366920938463463374607431768211455::UHUGEINT'],
  ['ubig', '18446744073709551615::UBIGINT'],
  ['dec', '123456789.123456789::DECIMAL(18,9)'],
  ['dec38', '12345678901234567890123456.123456789012::DECIMAL(38,12)'],
  ['nan', "'NaN'::DOUBLE"],
  ['d', "DATE '2025-07-01'"],
  ['t', "TIME '12:34:56.789'"],
  ['ts', "TIMESTAMP '2025-07-01 12:34:56.123456'"],
  ['tsns', "'2025-07-01 12:34:56.123456789'::TIMESTAMP_NS"],
  ['tsms', "'2025-07-01 12:34:56.123'::TIMESTAMP_MS"],
  ['tss', "'2025-07-01 12:34:56'::TIMESTAMP_S"],
  ['tstz', "'2025-07-01 12:34:56+07'::TIMESTAMPTZ"],
  ['iv', "INTERVAL '1 month 2 days 03:04:05'"],
  ['age', "age(TIMESTAMP '2025-07-01', TIMESTAMP '2024-01-15')"],
  ['u', "'0c2e4f1a-9b7d-4e2a-8f3c-1d2e3f4a5b6c'::UUID"],
  ['b', "'\\xAA\\x00'::BLOB"],
  ['bits', "'10110'::BIT"],
  ['e', "'Tốt'::ENUM('Xuất sắc', 'Tốt', 'Đạt', 'Không đạt', 'có '' nháy')"],
  ['l', '[1, 2, NULL]::INTEGER[]'],
  ['s', "{'a': 1, 'b': 'x'}"],
  ['m', "MAP {'k': 1}"],
  ['n', 'NULL::INTEGER'],
  ['txt', "'Điện Biên'"],
];

describe('saving keeps every type', () => {
  it('round-trips each type with the same typeof and value', async () => {
    await engine().run(`CREATE TABLE kieu AS SELECT ${VALUES.map(([n, v]) => `${v} AS "${n}"`).join(', ')}`);
    const before = await rows(engine(), `SELECT ${VALUES.map(([n]) => `typeof("${n}") AS "${n}"`).join(', ')} FROM kieu`);
    const valuesBefore = await rows(engine(), `SELECT ${VALUES.map(([n]) => `CAST("${n}" AS VARCHAR) AS "${n}"`).join(', ')} FROM kieu`);
    const stored = await storeTable(engine(), await describeTable(engine(), 'kieu'));
    expect(stored.asText).toEqual([]);
    await engine().loadParquetParts('kieu_mo', stored.parts);
    expect(await restoreTypes(engine(), 'kieu_mo', stored.types)).toEqual([]);
    const after = await rows(engine(), `SELECT ${VALUES.map(([n]) => `typeof("${n}") AS "${n}"`).join(', ')} FROM kieu_mo`);
    const valuesAfter = await rows(engine(), `SELECT ${VALUES.map(([n]) => `CAST("${n}" AS VARCHAR) AS "${n}"`).join(', ')} FROM kieu_mo`);
    expect(after).toEqual(before);
    expect(valuesAfter).toEqual(valuesBefore);
  });

  it('a type name from a file reaches SQL only when it is one of ours, exactly', () => {
    expect(isRestorableType("ENUM('a', 'b''c')")).toBe(true);
    expect(isRestorableType("ENUM('a'); DROP TABLE x; --')")).toBe(false);
    expect(isRestorableType('INTERVAL; DROP TABLE x')).toBe(false);
    expect(isRestorableType('DECIMAL(18,9)')).toBe(true);
    expect(storedAs('INTEGER')).toBe('native');
    expect(storedAs('INTERVAL[]')).toBe('lossy');
  });
});
