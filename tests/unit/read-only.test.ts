/** What a shared workbook may run when it opens: one query that only reads, as DuckDB's own
 *  parser decides (the real engine; the probe is prepared, never run). */
import { describe, expect, it } from 'vitest';
import { rows, useEngine } from '../helpers/engine';

const engine = useEngine();

describe('read-only statements', () => {
  it.each([
    'SELECT 1',
    'select * from t;',
    'FROM t',
    'WITH a AS (SELECT * FROM t) SELECT count(*) FROM a',
    'VALUES (1), (2)',
    'SELECT * FROM t -- a comment at the end',
    'PIVOT t ON k IN (1) USING sum(v)',
    'SUMMARIZE t',
    'DESCRIBE t',
  ])('%s reads', async (sql) => {
    await engine().run('CREATE TABLE IF NOT EXISTS t AS SELECT 1 AS k, 2 AS v');
    expect(await engine().isReadOnly(sql)).toBe(true);
  });

  it.each([
    'DROP TABLE t',
    'DELETE FROM t',
    'EXPLAIN ANALYZE DROP TABLE t',
    'EXPLAIN ANALYZE DELETE FROM t',
    'WITH a AS (SELECT 1) DELETE FROM t',
    'WITH a AS (SELECT 1) UPDATE t SET v = 0',
    'SET VARIABLE x = 1',
    "SET VARIABLE v = (SELECT string_agg(k::VARCHAR, ',') FROM t); SELECT getvariable('v')",
    'SELECT 1); DROP TABLE t; SELECT * FROM (SELECT 1',
    'SELECT 1; SELECT 2',
    'CREATE TABLE u AS SELECT 1',
    "COPY t TO 'x.csv'",
    "ATTACH 'x.db' AS x",
    'INSTALL httpfs',
    'LOAD httpfs',
    'SET threads = 1',
    'CHECKPOINT',
    'INSERT INTO t VALUES (3, 4)',
    // Conservative: a PIVOT whose columns come from the data cannot be a subquery, so it is not
    // run on opening (the block says why).
    'PIVOT t ON k USING sum(v)',
  ])('%s does not', async (sql) => {
    await engine().run('CREATE TABLE IF NOT EXISTS t AS SELECT 1 AS k, 2 AS v');
    expect(await engine().isReadOnly(sql)).toBe(false);
    // Deciding ran nothing: the table is as it was.
    expect(await rows(engine(), 'SELECT count(*)::INTEGER AS n, sum(v)::INTEGER AS s FROM t')).toEqual([{ n: 1, s: 2 }]);
  });
});
