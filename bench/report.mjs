// The Markdown report of `npm run bench`: every app figure next to the floor and the naive
// way, as ratios, and each target of issue #17 with whether it is met and by how much.
import { explainMisses } from './why.mjs';

const ms = (v) => (v === undefined || v === null ? '—' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');
const mib = (b) => (b === undefined || b === null ? '—' : `${(b / 2 ** 20).toFixed(1)} MiB`);
const kib = (b) => `${(b / 1024).toFixed(0)} KiB`;
const check = (ok, miss) => (ok ? 'yes' : `no — ${miss}`);

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
      if (fmt === 'csv' && s.parquetOnly) {
        lines.push(`| ${size} | CSV | not measured (Parquet only) | — | — | — | — |`);
        continue;
      }
      const app = s.ingest.app?.[fmt]?.ms;
      const floor = s.ingest.floor?.[fmt]?.ms;
      const naive = s.ingest.naive?.[fmt]?.ms;
      const bytes = fmt === 'csv' ? s.csvBytes : s.parquetBytes;
      lines.push(`| ${size} | ${fmt.toUpperCase()} (${mib(bytes)}) | ${ms(app)} | ${ms(floor)}${fmt === 'parquet' ? '¹' : ''} | ${ms(naive)} | ${ratio(app, floor)} | ${ratio(naive, app)} |`);
    }
  }
  lines.push('', '¹ DuckDB-WASM reads Parquet through an extension fetched from extensions.duckdb.org, which an offline page cannot use; the Parquet floor is the bare offline path (parquet-wasm → Arrow → DuckDB) with no UI.', '');

  const parquetSteps = Object.entries(r.sizes).filter(([, s]) => s.ingest.app?.parquet?.steps);
  if (parquetSteps.length > 0) {
    lines.push("### Where a Parquet import's time goes", '');
    lines.push('| rows | app | floor | decode and insert | column names | of which NFC check | compressed (large tables) | table described | tables listed, model updated | the rest (file picked, planned, shown) |', '|---|---|---|---|---|---|---|---|---|---|');
    for (const [size, s] of parquetSteps) {
      const { ms: total, steps } = s.ingest.app.parquet;
      const known = [steps.parquetLoad, steps.parquetNames, steps.compress, steps.describe, steps.list].reduce((a, b) => a + (b ?? 0), 0);
      lines.push(`| ${size} | ${ms(total)} | ${ms(s.ingest.floor?.parquet?.ms)} | ${ms(steps.parquetLoad)} | ${ms(steps.parquetNames)} | ${ms(steps.parquetNfc)} | ${ms(steps.compress)} | ${ms(steps.describe)} | ${ms(steps.list)} | ${ms(total - known)} |`);
    }
    lines.push('', "Read from the app's own measures (`sdv:import:*`). *Decode and insert* is the floor's own work (parquet-wasm batches inserted into DuckDB), done the same way, with the text read for NFC on its way; *compressed*: the engine's tables compressed once the import is done when they hold over 512 MiB (`Engine.compressTables`; 10 M rows: 1.8 GiB → 73 MiB).", '');
  }
  const csvSteps = Object.entries(r.sizes).filter(([, s]) => s.ingest.app?.csv?.steps?.csvRead);
  if (csvSteps.length > 0) {
    lines.push("### Where a CSV import's time goes", '');
    lines.push('| rows | app | floor | sniffing (dialect, header) | one read into a staging table | profile of the text | shaping (left-out rows, retypes, names) | table described | tables listed, model updated | the rest (preview, planning, shown) |', '|---|---|---|---|---|---|---|---|---|---|');
    for (const [size, s] of csvSteps) {
      const { ms: total, steps } = s.ingest.app.csv;
      const known = [steps.csvSniff, steps.csvRead, steps.csvProfile, steps.csvShape, steps.describe, steps.list].reduce((a, b) => a + (b ?? 0), 0);
      lines.push(`| ${size} | ${ms(total)} | ${ms(s.ingest.floor?.csv?.ms)} | ${ms(steps.csvSniff)} | ${ms(steps.csvRead)} | ${ms(steps.csvProfile)} | ${ms(steps.csvShape)} | ${ms(steps.describe)} | ${ms(steps.list)} | ${ms(total - known)} |`);
    }
    lines.push('', "*One read* is the floor's own work (DuckDB's `read_csv` into a table), with the columns whose sample holds whole numbers or decimals made numbers as they are read (any value whose meaning depends on the column's other values, like `1.053`, or that is not a number sends the file back to being read with them as text, each decided from all its values) and the other numeric-looking columns read as text and decided the same way; the *profile* and *shaping* are what the app adds to be right about such files.", '');
  }

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
  if (Object.values(r.sizes).some((s) => s.parquetOnly)) lines.push('', `At ${Object.entries(r.sizes).filter(([, s]) => s.parquetOnly).map(([k]) => k).join(' and ')} (Parquet only) the app's figures are on the table imported from Parquet and the floor's queries run on the table its Parquet path loaded.`);
  lines.push('', 'App times run from the control change to the result in the page (query, Arrow transfer, grid); the floor and naive times are the query alone. *App* is the median of the repeated runs (answered by the query layer from its kept result); *app, first* is the first run of that view (its own result not kept yet; the pre-aggregate it reads may already exist, built by a sibling view with the same dimensions, as it is in the app).', '');

  lines.push('### Where an analysis\'s time goes (median of the repeated runs, and the first run)', '');
  lines.push('| rows | query | run | app | query layer (engine or kept result, Arrow to the page) | sort on the page | drawing (grid, chart, the rest) |', '|---|---|---|---|---|---|---|');
  for (const [size, s] of Object.entries(r.sizes))
    for (const [q, label] of Object.entries(names)) {
      const st = s.queries.appSteps?.[q];
      if (!st) continue;
      lines.push(`| ${size} | ${label} | median | ${ms(s.queries.app?.[q])} | ${ms(st.query)} | ${ms(st.sort)} | ${ms(st.rest)} |`);
      if (st.first) lines.push(`| ${size} | ${label} | first | ${ms(s.queries.appFirst?.[q])} | ${ms(st.first.query)} | ${ms(st.first.sort)} | ${ms(st.first.rest)} |`);
    }
  lines.push('', 'Read from the app\'s own measures (`sdv:analysis:query`, `sdv:analysis:sort`); *drawing* is the rest of the time to the result shown. The first run\'s query is the engine\'s (its result is not kept yet); the repeated runs\' come from the kept result.', '');

  lines.push('## Interaction: filter change → chart redrawn', '');
  lines.push('| rows | p50 | p95 | changes | longest main-thread task |', '|---|---|---|---|---|');
  for (const [size, s] of Object.entries(r.sizes)) lines.push(`| ${size} | ${ms(s.interaction?.p50)} | ${ms(s.interaction?.p95)} | ${s.interaction?.n ?? '—'} | ${ms(s.interaction?.longestTaskMs)} |`);
  lines.push('', 'Measured on the analysis *Xếp loại → Phân bố các mức xếp loại*, changing *Từ năm* back and forth.', '');

  lines.push('## Interaction: page filter change → six dashboard blocks redrawn', '');
  lines.push('| rows | p50 | p95 | changes | longest main-thread task |', '|---|---|---|---|---|');
  for (const [size, s] of Object.entries(r.sizes)) lines.push(`| ${size} | ${ms(s.dashboard?.p50)} | ${ms(s.dashboard?.p95)} | ${s.dashboard?.n ?? '—'} | ${ms(s.dashboard?.longestTaskMs)} |`);
  lines.push('', 'A page of six blocks on the table (three classification views, models by field, a KPI, top reception units); the page\'s *Từ năm* changes back and forth, timed until every block has run again and drawn. The longest task is the longest the page was unresponsive meanwhile (queries run in the engine\'s worker; drawing is on the page).', '');
  const frames = Object.entries(r.sizes).flatMap(([size, s]) => [['filter → chart', s.interaction?.longestFrame], ['dashboard', s.dashboard?.longestFrame]].filter(([, f]) => f).map(([what, f]) => ({ size, what, f })));
  if (frames.length > 0) {
    lines.push('### What the frames over 50 ms were made of', '');
    lines.push('| rows | interaction | longest frame | scripts in it (time, called by, function, file) | style and layout | paint |', '|---|---|---|---|---|---|');
    for (const { size, what, f } of frames) {
      const scripts = f.scripts.length === 0 ? '—' : f.scripts.map((x) => `${ms(x.ms)} ${x.by}${x.fn ? ` ${x.fn}` : ''}${x.file ? ` (${x.file})` : ''}${x.layoutMs > 1 ? `, forced layout ${ms(x.layoutMs)}` : ''}`).join('; ');
      lines.push(`| ${size} | ${what} | ${ms(f.ms)} | ${scripts} | ${ms(f.styleAndLayoutMs)} | ${ms(f.renderMs)} |`);
    }
    lines.push('', 'From the browser\'s Long Animation Frames entries: the longest frame over 50 ms in each interaction, with the scripts that ran in it. A frame is a task and the rendering after it; the longest task above counts the task alone.', '');
  }

  lines.push('## Engine idle after an import', '');
  lines.push('| rows | imported from | engine idle after the table is listed | requests after the listing | busy at the listing | autosave began | idle before the autosave | ≤ 1 s |', '|---|---|---|---|---|---|---|---|');
  for (const [size, s] of Object.entries(r.sizes)) {
    const i = s.idle;
    if (!i) continue;
    lines.push(`| ${size} | ${i.after.toUpperCase()} | ${ms(i.ms)} | ${i.requestsAfterListing} | ${i.busyAtListing} | ${i.autosaveStartedMs == null ? '—' : ms(i.autosaveStartedMs)} | ${i.idleBeforeAutosaveMs == null ? '—' : ms(i.idleBeforeAutosaveMs)} | ${check(i.ms <= 1000, `${ms(i.ms - 1000)} over`)} |`);
  }
  lines.push('', `From the moment the table is listed (\`[data-testid="table-item"][data-rows]\`) until nothing runs in the engine's worker any more — semantic sync, filter options, pre-aggregates and the autosave's export included — read from \`data-engine-busy\` (CONTRACT.md), the count of requests the worker has not answered. *Autosave began*: when the autosave (300 ms after the last change, once the views and the engine are quiet) started exporting; *idle before the autosave*: the same measure with the autosave left out. The engine counts as settled once it has been idle for ${r.sizes[Object.keys(r.sizes)[0]]?.idle?.quietMs ?? 3000} ms with no autosave pending.`, '');

  if (r.ceiling) {
    const c = r.ceiling;
    lines.push('## Memory ceiling (4 GB of WebAssembly memory)', '');
    lines.push(`Run at ${c.size} rows, after the measurements above, in the same tab (the ${c.size} table and its six-block dashboard open). The engine's limit is DuckDB's \`memory_limit\`: ${c.limit ?? '—'} of the 4 GB a WebAssembly page may have.`, '');
    lines.push('| step | outcome | time | engine |', '|---|---|---|---|');
    for (const [k, f] of (c.fill ?? []).entries()) lines.push(`| SQL: a hidden table grows by 10 M rows of text (step ${k + 1}) | ${f.state}, engine holds ${mib(f.usedBytes)} | ${ms(f.ms)} | ${f.state === 'ok' ? 'answers' : '—'} |`);
    if (c.query) lines.push(`| the query that no longer fits | message: “${c.query.messages.join(' / ') || '—'}” | ${ms(c.query.ms)} | ${c.query.engineLost ? 'lost, restarted' : 'kept'} |`);
    if (c.queryRecovery) lines.push(`| a small query right after (row count of the table) | ${c.queryRecovery.state}, ${c.queryRecovery.rows} rows | ${ms(c.queryRecovery.ms)} | ${c.queryRecovery.engineLost ? 'lost, restarted' : 'answers'} |`);
    if (c.import) lines.push(`| the ${c.size} Parquet opened again at the ceiling | ${c.import.outcome}${c.import.messages.length ? `: “${c.import.messages.join(' / ')}”` : ''} | ${ms(c.import.ms)} | ${c.import.engineLost ? 'lost, restarted' : 'kept'} |`);
    if (c.importRecovery) lines.push(`| a small query right after | ${c.importRecovery.state}, ${c.importRecovery.rows} rows | ${ms(c.importRecovery.ms)} | answers |`);
    if (c.tablesAfter) lines.push(`| tables still open, with their rows | ${c.nothingLost ? 'all, unchanged' : `changed: ${JSON.stringify(c.tablesAfter)}`} | — | — |`);
    if (c.freed) lines.push(`| the hidden table dropped | ${c.freed.state}, engine holds ${mib(c.freed.usedBytes)} | — | — |`);
    if (c.importAfterFreeing) {
      const a = c.importAfterFreeing;
      lines.push(`| the Parquet opened again once memory is freed | ${a.outcome ?? 'loaded'}${a.rows ? `, ${a.rows} rows` : ''}${a.messages?.length ? `: “${a.messages.join(' / ')}”` : ''} | ${ms(a.ms)} | — |`);
    }
    lines.push('', `Outcome: **${c.outcome}**${c.error ? ` (${c.error})` : ''}.`, '');
  }

  lines.push('## Start, size, memory', '');
  lines.push('| measure | value |', '|---|---|');
  lines.push(`| page load → ready, cold (new browser profile) | ${ms(r.start?.cold)} |`);
  const st = r.start?.coldSteps;
  if (st) lines.push(`| of which, cold: engine instantiated (wasm fetched and compiled) / engine open / workbook open / ready | ${ms(st.engineInstantiated)} / ${ms(st.engineOpen)} / ${ms(st.workbookOpen)} / ${ms(st.ready)} (from navigation) |`);
  if (st?.openTables != null) lines.push(`| of which, the sample workbook opened: unpacked / tables loaded (Parquet decoded, inserted, named) / tables listed / the saved query run | ${ms(st.openUnpack)} / ${ms(st.openTables)} / ${ms(st.openList)} / ${ms(st.openQuery)} |`);
  if (st?.semanticsEnd != null) lines.push(`| the semantic sync, begun once the saved query is drawn (after ready): ended, from navigation | ${ms(st.semanticsEnd)} |`);
  if (r.start?.floorEngineOpen) lines.push(`| the bare engine alone (floor page: DuckDB-WASM fetched, compiled, opened), cold, from navigation | ${ms(r.start.floorEngineOpen)} |`);
  lines.push(`| page load → ready, warm (reload, HTTP cache) | ${ms(r.start?.warm)} |`);
  lines.push(`| initial JS, gzip, without the wasm | ${kib(r.size.initialJsGzipBytes)} (${r.size.initialJsFiles.length} files) |`);
  lines.push(`| transferred on first load (engine wasm and sample included) | ${mib(r.size.firstLoadTransferredBytes)} |`);
  for (const [size, s] of Object.entries(r.sizes)) lines.push(`| engine memory after loading ${size} rows (JS heap) | ${mib(s.memory?.engineBytes)} (${mib(s.memory?.jsHeapBytes)}) |`);
  lines.push('');

  lines.push('## Targets', '');
  lines.push('| target | measured | met |', '|---|---|---|');
  const atName = r.sizes['1m'] ? '1m' : Object.keys(r.sizes).filter((k) => !r.sizes[k].parquetOnly).at(-1) ?? Object.keys(r.sizes).at(-1);
  const at = r.sizes[atName];
  if (at) {
    if (at.ingest.app.csv && at.ingest.floor.csv) {
      const ingest = at.ingest.app.csv.ms / at.ingest.floor.csv.ms;
      lines.push(`| CSV ingest ≤ 1.5× floor (${atName}) | ${ingest.toFixed(2)}× | ${check(ingest <= 1.5, `${((ingest / 1.5 - 1) * 100).toFixed(0)} % over`)} |`);
    }
    const pIngest = at.ingest.app.parquet.ms / at.ingest.floor.parquet.ms;
    lines.push(`| Parquet ingest ≤ 1.1× floor (${atName}) | ${pIngest.toFixed(2)}× | ${check(pIngest <= 1.1, `${((pIngest / 1.1 - 1) * 100).toFixed(0)} % over`)} |`);
    if (at.ingest.naive && at.ingest.app.csv) {
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
  if (big?.dashboard) lines.push(`| six-block dashboard p95 ≤ 400 ms (5m) | ${ms(big.dashboard.p95)} | ${check(big.dashboard.p95 <= 400, `${ms(big.dashboard.p95 - 400)} over (${((big.dashboard.p95 / 400 - 1) * 100).toFixed(0)} %)`)} |`);
  const small = r.sizes['100k'];
  if (small?.idle) lines.push(`| engine idle ≤ 1 s after an import is listed (100k) | ${ms(small.idle.ms)} | ${check(small.idle.ms <= 1000, `${ms(small.idle.ms - 1000)} over`)} |`);
  if (r.ceiling) lines.push(`| memory ceiling: a clear message, the engine recovers, nothing lost (${r.ceiling.size}) | ${r.ceiling.outcome} | ${check(!r.ceiling.crashed && !r.ceiling.error && !!r.ceiling.query && r.ceiling.queryRecovery?.state === 'ok' && r.ceiling.importRecovery?.state === 'ok' && r.ceiling.nothingLost, 'see the memory ceiling section')} |`);
  for (const [size, s] of Object.entries(r.sizes)) {
    const longest = Math.max(s.interaction?.longestTaskMs ?? 0, s.dashboard?.longestTaskMs ?? 0);
    lines.push(`| longest main-thread task during the interactions ≤ 50 ms (${size}) | ${ms(longest)} | ${check(longest <= 50, `${ms(longest - 50)} over`)} |`);
  }
  lines.push(`| ready ≤ 1.5 s on localhost (cold) | ${ms(r.start.cold)} | ${check(r.start.cold <= 1500, `${ms(r.start.cold - 1500)} over`)} |`);
  lines.push(`| initial JS ≤ 300 KB gzip | ${kib(r.size.initialJsGzipBytes)} | ${check(r.size.initialJsGzipBytes <= 300 * 1024, 'over')} |`);
  lines.push('');
  const why = at ? explainMisses(r, names, atName) : [];
  if (why.length > 0) lines.push('### Where the time of each missed target went', '', ...why, '');
  if (r.skipped.length > 0) {
    lines.push('## Skipped', '');
    for (const s of r.skipped) lines.push(`- ${s.size}: ${s.what} — ${s.why}`);
    lines.push('');
  }
  return lines.join('\n');
}
