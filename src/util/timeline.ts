/** Steps named on the page's timeline (`performance.measure`), for the bench's breakdown of
 *  where time goes (bench/breakdown.mjs). Only the last of each name is kept: the timeline
 *  would otherwise grow with every run. */
export function markStep(name: string, start: number, end = performance.now()): void {
  performance.clearMeasures(name);
  performance.measure(name, { start, end });
}

/** Runs `work` and names its time `name`, whether it succeeds or not. */
export async function timedStep<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    markStep(name, start);
  }
}
