// The Markdown report of `npm run bench`: every app figure next to the floor and the naive
// way, as ratios, and each target of issue #17 with whether it is met and by how much.
const ms = (v) => (v === undefined || v === null ? '—' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');
const mib = (b) => (b === undefined || b === null ? '—' : `${(b / 2 ** 20).toFixed(1)} MiB`);
const kib = (b) => `${(b / 1024).toFixed(0)} KiB`;

export function formatReport(r) {
  const lines = [];
  const m = r.machine;
  lines.push(`# Benchmark results${r.quick ? ' (quick run, 100 k rows)' : ''}`, '');
  lines.push(`Run ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}, Chromium ${m.chromium}, headless.`);
  lines.push('Times are medians of repeated runs measured in the same session; ratios compare the app with the floor (bare DuckDB-WASM, hand-written SQL, no UI) and the naive way (PapaParse + JavaScript).', '');

  lines.push('## Ingest: file drop → table ready', '');
  lines.push('| rows | format | app | floor | naive | app ÷ floor | naive ÷ app |', '|---|---|---|---|---|---|---|');
  for (const [size, s] of Object.entries(r.sizes)) {
    for (const fmt of ['csv', 'parquet']) {
      const app = s.ingest.app?.[fmt]?.ms;
      const floor = s.ingest.floor?.[fmt]?.ms;
      const naive = s.ingest.naive?.[fmt]?.ms;
      const bytes = fmt === 'csv' ? s.csvBytes : s.parquetBytes;
      lines.push(`| ${size} | ${fmt.toUpperCase()} (${mib(bytes)}) | ${ms(app)} | ${ms(floor)}${fmt === 'parquet' ? '¹' : ''} | ${ms(naive)} | ${ratio(app, floor)} | ${ratio(naive, app)} |`);
    }
  }
  lines.push('', '¹ DuckDB-WASM reads Parquet through an extension fetched from extensions.duckdb.org, which an offline page cannot use; the Parquet floor is the bare offline path (parquet-wasm → Arrow → DuckDB) with no UI.', '');

  lines.push('## Comparative queries (the SQL the analyses generate vs hand-written SQL)', '');
  lines.push('| rows | query | app | app, first | floor | naive | app ÷ floor | first ÷ floor | naive ÷ app |', '|---|---|---|---|---|---|---|---|---|');
  const names = { change: 'models: change by unit and year', distribution: 'classification: distribution by year', top: 'reception: top units' };
  for (const [size, s] of Object.entries(r.sizes)) {
    for (const [q, label] of Object.entries(names)) {
      const app = s.queries.app?.[q];
      const floor = s.queries.floor?.[q];
      const naive = s.queries.naive?.[q];
      const first = s.queries.appFirst?.[q];
      lines.push(`| ${size} | ${label} | ${ms(app)} | ${ms(first)} | ${ms(floor)} | ${ms(naive)} | ${ratio(app, floor)} | ${ratio(first, floor)} | ${ratio(naive, app)} |`);
    }
  }
  lines.push('', 'App times run from the control change to the result in the page (query, Arrow transfer, grid); the floor and naive times are the query alone. *App* is the median of the repeated runs (answered by the query layer from its kept result); *app, first* is the first run of that view (its own result not kept yet; the pre-aggregate it reads may already exist, built by a sibling view with the same dimensions, as it is in the app).', '');

  lines.push('## Interaction: filter change → chart redrawn', '');
  lines.push('| rows | p50 | p95 | changes | longest main-thread task |', '|---|---|---|---|---|');
  for (const [size, s] of Object.entries(r.sizes)) lines.push(`| ${size} | ${ms(s.interaction?.p50)} | ${ms(s.interaction?.p95)} | ${s.interaction?.n ?? '—'} | ${ms(s.interaction?.longestTaskMs)} |`);
  lines.push('', 'Measured on the analysis *Xếp loại → Phân bố các mức xếp loại*, changing *Từ năm* back and forth.', '');

  lines.push('## Interaction: page filter change → six dashboard blocks redrawn', '');
  lines.push('| rows | p50 | p95 | changes | longest main-thread task |', '|---|---|---|---|---|');
  for (const [size, s] of Object.entries(r.sizes)) lines.push(`| ${size} | ${ms(s.dashboard?.p50)} | ${ms(s.dashboard?.p95)} | ${s.dashboard?.n ?? '—'} | ${ms(s.dashboard?.longestTaskMs)} |`);
  lines.push('', 'A page of six blocks on the table (three classification views, models by field, a KPI, top reception units); the page\'s *Từ năm* changes back and forth, timed until every block has run again and drawn. The longest task is the longest the page was unresponsive meanwhile (queries run in the engine\'s worker; drawing is on the page).', '');

  lines.push('## Start, size, memory', '');
  lines.push('| measure | value |', '|---|---|');
  lines.push(`| page load → ready, cold (new browser profile) | ${ms(r.start?.cold)} |`);
  lines.push(`| page load → ready, warm (reload, HTTP cache) | ${ms(r.start?.warm)} |`);
  lines.push(`| initial JS, gzip, without the wasm | ${kib(r.size.initialJsGzipBytes)} (${r.size.initialJsFiles.length} files) |`);
  lines.push(`| transferred on first load (engine wasm and sample included) | ${mib(r.size.firstLoadTransferredBytes)} |`);
  for (const [size, s] of Object.entries(r.sizes)) lines.push(`| engine memory after loading ${size} rows (JS heap) | ${mib(s.memory?.engineBytes)} (${mib(s.memory?.jsHeapBytes)}) |`);
  lines.push('');

  lines.push('## Targets', '');
  lines.push('| target | measured | met |', '|---|---|---|');
  const at = r.sizes['1m'] ?? Object.values(r.sizes).at(-1);
  const atName = r.sizes['1m'] ? '1m' : Object.keys(r.sizes).at(-1);
  const check = (ok, miss) => (ok ? 'yes' : `no — ${miss}`);
  if (at) {
    const ingest = at.ingest.app.csv.ms / at.ingest.floor.csv.ms;
    lines.push(`| CSV ingest ≤ 1.5× floor (${atName}) | ${ingest.toFixed(2)}× | ${check(ingest <= 1.5, `${((ingest / 1.5 - 1) * 100).toFixed(0)} % over`)} |`);
    const pIngest = at.ingest.app.parquet.ms / at.ingest.floor.parquet.ms;
    lines.push(`| Parquet ingest ≤ 1.1× floor (${atName}) | ${pIngest.toFixed(2)}× | ${check(pIngest <= 1.1, `${((pIngest / 1.1 - 1) * 100).toFixed(0)} % over`)} |`);
    if (at.ingest.naive) {
      const speedup = at.ingest.naive.csv.ms / at.ingest.app.csv.ms;
      lines.push(`| CSV ingest vs naive (${atName}; target withdrawn, ratio reported) | ${speedup.toFixed(2)}× | — |`);
    }
    for (const [q, label] of Object.entries(names)) {
      const v = at.queries.app[q];
      lines.push(`| ${label} ≤ 100 ms (${atName}) | ${ms(v)} | ${check(v <= 100, `${ms(v - 100)} over`)} |`);
      const f = at.queries.appFirst?.[q];
      if (f !== undefined) lines.push(`| ${label}, first run, ≤ 100 ms (${atName}) | ${ms(f)} | ${check(f <= 100, `${ms(f - 100)} over`)} |`);
    }
    lines.push(`| filter → chart p95 ≤ 100 ms (${atName}) | ${ms(at.interaction.p95)} | ${check(at.interaction.p95 <= 100, `${ms(at.interaction.p95 - 100)} over`)} |`);
    if (at.dashboard) lines.push(`| six-block dashboard p95 ≤ 150 ms (${atName}) | ${ms(at.dashboard.p95)} | ${check(at.dashboard.p95 <= 150, `${ms(at.dashboard.p95 - 150)} over`)} |`);
  }
  const big = r.sizes['5m'];
  if (big?.dashboard) lines.push(`| six-block dashboard p95 ≤ 400 ms (5m) | ${ms(big.dashboard.p95)} | ${check(big.dashboard.p95 <= 400, `${ms(big.dashboard.p95 - 400)} over`)} |`);
  for (const [size, s] of Object.entries(r.sizes)) {
    const longest = Math.max(s.interaction?.longestTaskMs ?? 0, s.dashboard?.longestTaskMs ?? 0);
    lines.push(`| longest main-thread task during the interactions ≤ 50 ms (${size}) | ${ms(longest)} | ${check(longest <= 50, `${ms(longest - 50)} over`)} |`);
  }
  lines.push(`| ready ≤ 1.5 s on localhost (cold) | ${ms(r.start.cold)} | ${check(r.start.cold <= 1500, `${ms(r.start.cold - 1500)} over`)} |`);
  lines.push(`| initial JS ≤ 300 KB gzip | ${kib(r.size.initialJsGzipBytes)} | ${check(r.size.initialJsGzipBytes <= 300 * 1024, 'over')} |`);
  lines.push('');
  if (r.skipped.length > 0) {
    lines.push('## Skipped', '');
    for (const s of r.skipped) lines.push(`- ${s.size}: ${s.what} — ${s.why}`);
    lines.push('');
  }
  return lines.join('\n');
}
