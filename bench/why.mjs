// For each target of issue #17 the run missed, the measured breakdown that says where the time
// went: read from the same results the report's tables come from, so the reason is this run's.
const ms = (v) => (v === undefined || v === null ? '—' : `${Math.round(v)} ms`);
const sum = (...xs) => xs.reduce((a, b) => a + (b ?? 0), 0);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Lines (Markdown bullets) for the missed targets at `atName` (the size the targets are read
 *  at), the 5m dashboard, every size's longest task, and the start. */
export function explainMisses(r, names, atName) {
  const out = [];
  const at = r.sizes[atName];
  if (at?.ingest.app.csv && at.ingest.floor.csv && at.ingest.app.csv.ms > 1.5 * at.ingest.floor.csv.ms) {
    const { ms: total, steps: s } = at.ingest.app.csv;
    const floor = at.ingest.floor.csv.ms;
    const rest = total - sum(s.csvSniff, s.csvRead, s.csvProfile, s.csvShape, s.describe, s.list);
    out.push(
      `- **CSV ingest (${atName})**: ${ms(total)} against the floor's ${ms(floor)} (${(total / floor).toFixed(2)}×). The one read took ${ms(s.csvRead)}, ${(s.csvRead / floor).toFixed(2)}× the floor's whole import; the app's own checks added ${ms(sum(s.csvSniff, s.csvProfile, s.csvShape))} (sniffing ${ms(s.csvSniff)}, the text profile ${ms(s.csvProfile)}, shaping ${ms(s.csvShape)}), describing and listing ${ms(sum(s.describe, s.list))}, and the preview, planning and the click ${ms(rest)}.`,
    );
  }
  if (at?.ingest.app.parquet && at.ingest.floor.parquet && at.ingest.app.parquet.ms > 1.1 * at.ingest.floor.parquet.ms) {
    const { ms: total, steps: s } = at.ingest.app.parquet;
    out.push(`- **Parquet ingest (${atName})**: ${ms(total)} against the floor's ${ms(at.ingest.floor.parquet.ms)}; decoding and inserting ${ms(s?.parquetLoad)}, column names ${ms(s?.parquetNames)}, compressing ${ms(s?.compress)}, the rest ${ms(total - sum(s?.parquetLoad, s?.parquetNames, s?.compress, s?.describe, s?.list))}.`);
  }
  for (const [q, label] of Object.entries(names)) {
    const steps = at?.queries.appSteps?.[q];
    for (const [run, value, st] of [
      ['median', at?.queries.app?.[q], steps],
      ['first run', at?.queries.appFirst?.[q], steps?.first],
    ])
      if (value > 100 && st)
        out.push(
          `- **${label}, ${run} (${atName})**: ${ms(value)}: the query layer ${ms(st.query)} (${run === 'first run' ? "the engine's query, its result not kept yet" : 'the kept result'}), the Vietnamese sort on the page ${ms(st.sort)}, drawing ${ms(st.rest)}.`,
        );
  }
  const slowest = (name, i, target) => {
    if (!i || i.p95 <= target || !i.times) return;
    const ranked = i.times.map((t, k) => ({ t, k })).sort((a, b) => b.t - a.t);
    const top = ranked.slice(0, 2).map(({ t, k }) => `change ${k + 1}: ${ms(t)}`).join(', ');
    out.push(`- **${name}**: p95 ${ms(i.p95)} over ${i.times.length} changes; the slowest were ${top} (the first changes to each year have no kept result yet), the median of the others ${ms(median(ranked.slice(2).map((x) => x.t)))}.`);
  };
  slowest(`Filter → chart (${atName})`, at?.interaction, 100);
  slowest(`Six-block dashboard (${atName})`, at?.dashboard, 150);
  slowest('Six-block dashboard (5m)', r.sizes['5m']?.dashboard, 400);
  for (const [size, s] of Object.entries(r.sizes))
    for (const [what, i] of [
      ['filter → chart', s.interaction],
      ['dashboard', s.dashboard],
    ]) {
      if (!i || (i.longestTaskMs ?? 0) <= 50) continue;
      const f = i.longestFrame;
      const scripts = f ? sum(...f.scripts.map((x) => x.ms)) : null;
      out.push(
        f
          ? `- **Longest task (${size}, ${what})**: ${ms(i.longestTaskMs)}. Its frame (${ms(f.ms)}): scripts ${ms(scripts)}${f.scripts[0] ? ` (${f.scripts.map((x) => `${ms(x.ms)} ${x.by}`).join('; ')})` : ''}, style and layout ${ms(f.styleAndLayoutMs)}, paint ${ms(f.renderMs)}, and ${ms(Math.max(0, f.ms - scripts - f.styleAndLayoutMs - f.renderMs))} the browser spent outside any script, style or paint it reports (garbage collection, or its own work).`
          : `- **Longest task (${size}, ${what})**: ${ms(i.longestTaskMs)}, with no frame over 50 ms reported for it.`,
      );
    }
  const st = r.start?.coldSteps;
  if (r.start?.cold > 1500 && st)
    out.push(
      `- **Ready (cold)**: ${ms(r.start.cold)}. The engine was instantiated at ${ms(st.engineInstantiated)} and open at ${ms(st.engineOpen)} (the bare engine alone, fetched, compiled and opened: ${ms(r.start.floorEngineOpen)}); the sample workbook then took ${ms(st.workbookOpen - st.engineOpen)} (unpacked ${ms(st.openUnpack)}, tables loaded ${ms(st.openTables)}, listed ${ms(st.openList)}, the saved query ${ms(st.openQuery)}), and the first view was drawn ${ms(st.ready - st.workbookOpen)} later.`,
    );
  const small = r.sizes['100k']?.idle;
  if (small && small.ms > 1000)
    out.push(`- **Engine idle after an import (100k)**: ${ms(small.ms)}; the autosave began at ${ms(small.autosaveStartedMs)}, and without it the engine was idle after ${ms(small.idleBeforeAutosaveMs)}.`);
  return out;
}
