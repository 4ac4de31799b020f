/** What a dashboard block reports while it works: the page knows when every block is drawn
 *  (the snapshot waits for it) and shows each block's state to tests and assistive tech. */
import { AnalysisUnavailable } from '../../analyses/catalogue';
import { t } from '../../i18n/i18n.svelte';
import type { MessageKey } from '../../i18n/vi';

export type BlockState = 'running' | 'ok' | 'error';

/** Why an analysis cannot be built, in the user's language. */
export function describeError(error: unknown, table: string): string {
  if (error instanceof AnalysisUnavailable) return t(`analysis.unavailable.${error.reason}` as MessageKey, { table });
  return error instanceof Error ? error.message : String(error);
}
