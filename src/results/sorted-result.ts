/** The SQL result sorted by a click on a header, for the whole result (see
 *  sql/sorted-query.ts for why text takes two steps). The steps run through `engine.query`,
 *  on the query connection, so cancelling the query stops whichever step is running. */
import type { Engine, QueryResult } from '../engine/engine';
import { describeQuery, distinctTextQuery, isTextType, rankText, rankedQuery, sortedQuery } from '../sql/sorted-query';

export async function querySortedResult(engine: Pick<Engine, 'query'>, sql: string, column: string, descending: boolean): Promise<QueryResult> {
  const started = performance.now();
  const described = (await engine.query(describeQuery(sql))).table;
  const names = described.getChild('column_name');
  const types = described.getChild('column_type');
  let type = '';
  for (let i = 0; i < described.numRows; i++) if (String(names?.get(i)) === column) type = String(types?.get(i) ?? '');
  if (!isTextType(type)) return engine.query(sortedQuery(sql, column, descending));
  const distinct = (await engine.query(distinctTextQuery(sql, column))).table.getChild('v');
  const values = Array.from({ length: distinct?.length ?? 0 }, (_, i) => String(distinct!.get(i)));
  const { table } = await engine.query(rankedQuery(sql, column, descending), [rankText(values)]);
  return { table, elapsedMs: performance.now() - started };
}
