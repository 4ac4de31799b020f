/** Engine faults: when the engine is lost (a crash, out of memory in the worker, no answer to a
 *  cancel), the user is told, a new engine is started and the workbook comes back from its
 *  saved copy. Autosave is held meanwhile, so the empty new engine never overwrites that copy. */
import type { Engine } from '../engine/engine';
import { notice } from './messages';
import { persistence } from './persistence.svelte';
import { workbook } from './workbook.svelte';

export interface RecoveryPlan {
  /** Starts a fresh engine. */
  start: () => Promise<Engine>;
  /** Brings the workbook back on it; false when there is nothing to bring back. */
  reopen: () => Promise<boolean>;
}

class Recovery {
  restarting = $state(false);
  private plan: RecoveryPlan | null = null;

  /** Watches `engine` (and each engine started after it) for loss. */
  watch(engine: Engine, plan: RecoveryPlan) {
    this.plan = plan;
    engine.onLost((reason) => void this.restart(engine, reason));
  }

  private async restart(lost: Engine, reason: string) {
    const plan = this.plan;
    if (this.restarting || !plan || workbook.engine !== lost) return;
    this.restarting = true;
    persistence.hold(true);
    workbook.say(notice('engine.lost', { detail: reason }));
    workbook.detach();
    void lost.close().catch(() => undefined);
    try {
      const engine = await plan.start();
      this.watch(engine, plan);
      workbook.attach(engine);
      workbook.say(notice((await plan.reopen()) ? 'engine.restored' : 'engine.notRestored', {}, 'info'));
    } catch (error) {
      workbook.say(notice('engine.restartFailed', { detail: error instanceof Error ? error.message : String(error) }));
    } finally {
      persistence.hold(false);
      this.restarting = false;
    }
  }
}

export const recovery = new Recovery();
