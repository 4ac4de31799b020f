/** Tabs of the same workbook: one of them owns it and moves its saved state on; any other opens
 *  it read-only or as a copy, so two tabs never overwrite each other's saves. The Web Locks API
 *  decides (a lock held for the owning tab's life is released by the browser when it closes);
 *  where a page has no Web Locks (plain http on an intranet is not a secure context), tabs ask
 *  each other over a BroadcastChannel. */

const WRITER_LOCK = 'so-dan-van.writer';
const STORE_LOCK = 'so-dan-van.store';
const VERSIONS_CHANNEL = 'so-dan-van.versions';
const COPY_KEY = 'so-dan-van.copy-line';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tryLock(locks: LockManager): Promise<boolean> {
  return new Promise((resolve) => {
    void locks.request(WRITER_LOCK, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      // Held until the tab goes away.
      return lock ? new Promise<void>(() => undefined) : undefined;
    });
  });
}

function claimByChannel(): Promise<boolean> {
  if (typeof BroadcastChannel === 'undefined') return Promise.resolve(true);
  const channel = new BroadcastChannel(WRITER_LOCK);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      channel.onmessage = (e) => e.data === 'who' && channel.postMessage('here');
      resolve(true);
    }, 300);
    channel.onmessage = (e) => {
      if (e.data !== 'here') return;
      clearTimeout(timer);
      channel.close();
      resolve(false);
    };
    channel.postMessage('who');
  });
}

/** True when this tab now owns the workbook. A reloading owner may still hold the lock for a
 *  moment, so a refusal is tried again briefly before the tab counts as the second one. */
export async function claimWorkbook(): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return claimByChannel();
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await tryLock(locks)) return true;
    await sleep(300);
  }
  return false;
}

/** Whether saves of all tabs are serialised by a lock (see withStoreLock). */
export const tabsShareALock = () => !!globalThis.navigator?.locks;

/** Runs `work` while no other tab writes to the versions store (where the page has Web Locks;
 *  without them two tabs' saves can interleave, so orphaned files are then left alone). */
export function withStoreLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request(STORE_LOCK, work) : work();
}

/** The line a copy in this tab saves on; kept for the tab's session so a reload finds it. */
export function copyLine(): string {
  let line: string | null = null;
  try {
    line = sessionStorage.getItem(COPY_KEY);
  } catch {
    // No session storage: a new copy line each time.
  }
  if (!line) {
    line = `copy-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    try {
      sessionStorage.setItem(COPY_KEY, line);
    } catch {
      // As above.
    }
  }
  return line;
}

/** The copy line this tab worked on before a reload, forgotten as it is read: a tab that owns
 *  the workbook now carries on from its copy rather than from the other tab's last save. */
export function takeCopyLine(): string | null {
  try {
    const line = sessionStorage.getItem(COPY_KEY);
    sessionStorage.removeItem(COPY_KEY);
    return line;
  } catch {
    return null;
  }
}

let channel: BroadcastChannel | null = null;

/** Tells the other tabs that the list of versions changed. */
export function announceVersions() {
  channel?.postMessage('changed');
}

export function onVersionsChanged(listener: () => void) {
  if (typeof BroadcastChannel === 'undefined') return;
  channel ??= new BroadcastChannel(VERSIONS_CHANNEL);
  channel.onmessage = () => listener();
}
