import { describe, expect, it } from 'vitest';
import { EngineLostError, QueryCancelledError } from '../../src/engine/engine';
import { startNodeEngine } from '../../src/engine/start-node';
import { importPath, rows, useEngine } from '../helpers/engine';

const engine = useEngine();

describe('queries', () => {
  it('answers a comparative question on the sample data', async () => {
    const models = await importPath(engine(), 'data-samples/mo-hinh-dan-van-kheo.csv');
    const result = await rows(
      engine(),
      `SELECT "Mã đơn vị", sum("Số mô hình") FILTER (WHERE "Năm" = 2024) - sum("Số mô hình") FILTER (WHERE "Năm" = 2023) AS "Tăng/giảm"
       FROM "${models.name}" WHERE "Mã đơn vị" LIKE 'H%' GROUP BY 1 ORDER BY 1`,
    );
    expect(result).toHaveLength(10);
    const [check] = await rows(
      engine(),
      `SELECT sum(CASE WHEN "Năm" = 2024 THEN "Số mô hình" ELSE -"Số mô hình" END) AS d FROM "${models.name}" WHERE "Mã đơn vị" LIKE 'H%' AND "Năm" IN (2023, 2024)`,
    );
    expect(result.reduce((a, r) => a + Number(r['Tăng/giảm']), 0)).toBe(Number(check!.d));
  });

  it('binds values as parameters: quotes and SQL in a value are just text', async () => {
    const hostile = "x'); DROP TABLE t; --";
    const [r] = await rows(engine(), 'SELECT ? AS v, length(?) AS n', [hostile, hostile]);
    expect(r!.v).toBe(hostile);
    expect(Number(r!.n)).toBe(hostile.length);
  });

  it('runs several statements and returns the last one', async () => {
    const result = await rows(engine(), 'CREATE TABLE tam AS SELECT 1 AS a; SELECT a + 1 AS b FROM tam');
    expect(result).toEqual([{ b: 2 }]);
  });

  it('reports SQL errors with the engine message', async () => {
    await expect(engine().query('SELECT * FROM khong_co_bang')).rejects.toThrow(/khong_co_bang/);
  });

  it('does not take an error that mentions "cancelled" for a cancel', async () => {
    const error = await engine().query('SELECT * FROM cancelled_orders').catch((e) => e);
    expect(error).not.toBeInstanceOf(QueryCancelledError);
    expect(String(error.message)).toMatch(/cancelled_orders/);
  });

  it('cancels a long query and stays usable', async () => {
    const running = engine().query('SELECT count(*) FROM range(5000000000) t(i) WHERE i % 7 = 3');
    await new Promise((r) => setTimeout(r, 300));
    await engine().cancelQuery();
    await expect(running).rejects.toBeInstanceOf(QueryCancelledError);
    expect(await rows(engine(), 'SELECT 42 AS x')).toEqual([{ x: 42 }]);
  });

  it('does not fetch extensions at run time', async () => {
    const [r] = await rows(engine(), "SELECT current_setting('autoload_known_extensions') AS a, current_setting('autoinstall_known_extensions') AS b");
    expect(r).toEqual({ a: false, b: false });
  });
});

describe('the table list', () => {
  it('leaves out the import scratch tables', async () => {
    const { listTableNames } = await import('../../src/engine/catalog');
    await engine().query('CREATE TABLE "__preview_99" AS SELECT 1 AS a; CREATE TABLE hien AS SELECT 1 AS a');
    const names = await listTableNames(engine());
    expect(names).toContain('hien');
    expect(names).not.toContain('__preview_99');
  });
});

describe('cancelling one view query, and a lost engine', () => {
  it('stops only the query whose run was aborted', async () => {
    const e = engine();
    const stop = new AbortController();
    const first = e.view('SELECT 41 + 1 AS v');
    const second = e.view('SELECT 2 AS v', [], stop.signal);
    stop.abort();
    expect((await first).get(0)?.toJSON()).toEqual({ v: 42 });
    await expect(second).rejects.toBeInstanceOf(QueryCancelledError);
    expect((await e.view('SELECT $1::INTEGER AS v', [7])).get(0)?.toJSON()).toEqual({ v: 7 });
  });

  it('once lost, rejects what is pending and everything after, and tells its listeners once', async () => {
    const e = await startNodeEngine();
    const told: string[] = [];
    e.onLost((reason) => told.push(reason));
    expect(await e.alive()).toBe(true);
    const pending = e.view('SELECT sum(i) FROM range(100000000000) t(i)');
    e.markLost('test');
    e.markLost('again');
    await expect(pending).rejects.toBeInstanceOf(EngineLostError);
    await expect(e.query('SELECT 1')).rejects.toBeInstanceOf(EngineLostError);
    expect(await e.alive()).toBe(false);
    expect(told).toEqual(['test']);
    await e.close();
  });
});
