/** Runs `work` once the browser has nothing else to do (at the latest after `timeoutMs`):
 *  for preparing what the next action may need without slowing the current one. */
export function whenIdle(work: () => void, timeoutMs = 2000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: timeoutMs });
  else setTimeout(work, 200);
}
