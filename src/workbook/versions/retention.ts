/** Which versions of the workbook are kept: the last saves, the newest of each recent day, all
 *  within a byte budget. Sizes count each table blob once however many versions share it, so
 *  the budget is what the kept versions really take in the browser's storage. Pure. */

export interface RetentionPolicy {
  /** The newest N saves, whatever their day. */
  recent: number;
  /** The newest save of each of the last N calendar days (today included). */
  days: number;
  /** What the kept versions may take together (blobs counted once, plus each manifest). */
  budgetBytes: number;
}

export const RETENTION: RetentionPolicy = { recent: 10, days: 7, budgetBytes: 512 * 1024 ** 2 };

export interface RetainedVersion {
  id: string;
  savedAt: number;
  /** Content hashes of the table blobs the version refers to. */
  blobs: string[];
  /** The version's own manifest (its JSON), stored beside the blobs. */
  manifestBytes: number;
}

const DAY_MS = 86_400_000;
/** Whole local calendar days between two instants (a save at 23:59 yesterday is 1 day ago). */
function daysBetween(earlier: number, later: number): number {
  const a = new Date(earlier);
  const b = new Date(later);
  const start = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((start(b) - start(a)) / DAY_MS);
}

/** Bytes the given versions take together: every blob once, plus their manifests. */
export function storedBytes(versions: readonly RetainedVersion[], blobSizes: Readonly<Record<string, number>>): number {
  const blobs = new Set(versions.flatMap((v) => v.blobs));
  let total = versions.reduce((sum, v) => sum + v.manifestBytes, 0);
  for (const b of blobs) total += blobSizes[b] ?? 0;
  return total;
}

/** The ids to keep. `pinned` (the version the workbook is at, the one being written) are kept
 *  even over budget: dropping them would lose the work on the page. */
export function versionsToKeep(
  versions: readonly RetainedVersion[],
  blobSizes: Readonly<Record<string, number>>,
  now: number,
  pinned: ReadonlySet<string> = new Set(),
  policy: RetentionPolicy = RETENTION,
): Set<string> {
  const newestFirst = [...versions].sort((a, b) => b.savedAt - a.savedAt);
  const keep = new Set<string>();
  for (const v of newestFirst) if (pinned.has(v.id)) keep.add(v.id);
  for (const v of newestFirst.slice(0, policy.recent)) keep.add(v.id);
  const daysSeen = new Set<number>();
  for (const v of newestFirst) {
    const day = daysBetween(v.savedAt, now);
    if (day < 0 || day >= policy.days || daysSeen.has(day)) continue;
    daysSeen.add(day);
    keep.add(v.id);
  }
  // Over budget: the oldest go first, never a pinned one.
  const kept = () => newestFirst.filter((v) => keep.has(v.id));
  for (const v of [...kept()].reverse()) {
    if (storedBytes(kept(), blobSizes) <= policy.budgetBytes) break;
    if (!pinned.has(v.id)) keep.delete(v.id);
  }
  return keep;
}

/** Blobs no kept version refers to: safe to delete. */
export function unreferencedBlobs(stored: Iterable<string>, kept: readonly RetainedVersion[]): string[] {
  const used = new Set(kept.flatMap((v) => v.blobs));
  return [...stored].filter((b) => !used.has(b));
}
