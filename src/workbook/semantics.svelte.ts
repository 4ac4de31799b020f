/** The workbook's semantic layer as app state: column roles, units dictionary, crosswalk.
 *  Every change is re-synced into the engine's helper tables (`version` moves on each sync so
 *  analyses re-run) and saved with the workbook (persistence.svelte.ts). */
import { syncSemantics, type SyncResult, type Unmatched } from '../analyses/semantic-sync';
import type { CrosswalkEntry } from '../domain/crosswalk';
import type { ColumnRole } from '../domain/roles';
import { emptyModel, type SemanticModel } from '../domain/semantic-model';
import { addAlias, addUnit, setShortName } from '../domain/units';
import { notice } from './messages';
import { workbook } from './workbook.svelte';
import { LEVEL_MAP, UNIT_MAP } from '../sql/semantic-tables';
import { markStep } from '../util/timeline';

class Semantics {
  model: SemanticModel = $state.raw(emptyModel());
  unmatched: Unmatched[] = $state.raw([]);
  unknownLevels: SyncResult['unknownLevels'] = $state.raw([]);
  crosswalkProblems: string[] = $state.raw([]);
  /** Moves on after every sync. */
  version = $state(0);
  private running: Promise<void> | null = null;
  private again = false;
  private notBefore: Promise<unknown> | null = null;

  /** Re-reads the tables; calls made while one runs are folded into one more run. The
   *  analyses' reads of the maps it rewrites wait for it (`QueryLayer.hold`). */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const after = this.notBefore;
      if (after) {
        await after;
        if (this.notBefore === after) this.notBefore = null;
      }
      do {
        this.again = false;
        await this.syncOnce();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    workbook.queries?.hold([UNIT_MAP, LEVEL_MAP], this.running);
    return this.running;
  }

  /** Syncs asked for from now start once `shown` settles: a workbook being opened shows its
   *  saved query first (the sync's matching runs on the page, its queries in the same worker). */
  startAfter(shown: Promise<unknown>) {
    this.notBefore = shown.catch(() => undefined);
  }

  private async syncOnce() {
    const engine = workbook.engine;
    if (!engine) return;
    const started = performance.now();
    try {
      const input = this.model;
      const result = await syncSemantics(engine, workbook.tables, input);
      // The user changed something meanwhile: that change wins; sync again from it.
      if (this.model !== input) {
        this.again = true;
        return;
      }
      // The analyses' cached answers that joined the old maps go before anything re-runs.
      if (result.mapsChanged) workbook.tablesChanged([UNIT_MAP, LEVEL_MAP]);
      this.model = result.model;
      this.unmatched = result.unmatched;
      this.unknownLevels = result.unknownLevels;
      this.crosswalkProblems = result.crosswalkProblems;
    } catch (error) {
      workbook.say(notice('semantics.failed', { detail: error instanceof Error ? error.message : String(error) }));
    }
    markStep('sdv:semantics:sync', started);
    this.version++;
  }

  private change(model: SemanticModel) {
    this.model = model;
    void this.sync();
  }

  setRole(table: string, column: string, role: ColumnRole) {
    const t = this.model.tables[table];
    if (!t) return;
    this.change({ ...this.model, tables: { ...this.model.tables, [table]: { roles: { ...t.roles, [column]: role }, confirmed: false } } });
  }

  confirm(table: string) {
    const t = this.model.tables[table];
    if (!t) return;
    this.model = { ...this.model, tables: { ...this.model.tables, [table]: { ...t, confirmed: true } } };
  }

  /** The user says: this name means that unit. */
  mapName(name: string, unitId: string) {
    this.change({ ...this.model, units: addAlias(this.model.units, name, unitId) });
  }

  addUnitNamed(name: string) {
    this.change({ ...this.model, units: addUnit(this.model.units, name, null) });
  }

  /** A short name changes only what charts show: no table is rebuilt (saved all the same). */
  setShortName(unitId: string, short: string) {
    this.model = { ...this.model, units: setShortName(this.model.units, unitId, short) };
  }

  addCrosswalk(entry: CrosswalkEntry) {
    this.change({ ...this.model, crosswalk: [...this.model.crosswalk.filter((e) => e.from !== entry.from), entry] });
  }

  removeCrosswalk(from: string) {
    this.change({ ...this.model, crosswalk: this.model.crosswalk.filter((e) => e.from !== from) });
  }
}

export const semantics = new Semantics();
