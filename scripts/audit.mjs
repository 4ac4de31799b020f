#!/usr/bin/env node
// CI's dependency watch: `npm audit --omit=dev` judges the runtime dependencies. A high or
// critical advisory fails the run. Where the registry's advisory service does not answer
// (405 from these machines, or no network), one line says so and the run goes on.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What to do with `npm audit --json` output: `{ fail, line }`. */
export function judgeAudit(jsonText) {
  let report;
  try {
    report = JSON.parse(jsonText);
  } catch {
    return { fail: false, line: 'npm audit: no answer from the registry (its output was not a report); runtime dependencies NOT checked in this run.' };
  }
  // The registry answered with an error (405 here), or npm could not reach it.
  if (report.error || report.statusCode || (report.message && !report.metadata)) {
    const why = report.message || report.error?.summary || `HTTP ${report.statusCode}`;
    return { fail: false, line: `npm audit: the advisory service did not answer (${String(why).split('\n')[0]}); runtime dependencies NOT checked in this run.` };
  }
  const v = report.metadata?.vulnerabilities ?? {};
  const serious = (v.high ?? 0) + (v.critical ?? 0);
  const names = Object.values(report.vulnerabilities ?? {})
    .filter((x) => x.severity === 'high' || x.severity === 'critical')
    .map((x) => `${x.name} (${x.severity})`);
  if (serious > 0) return { fail: true, line: `npm audit: ${serious} high or critical advisories in runtime dependencies: ${names.join(', ')}. Run \`npm audit --omit=dev\` for details.` };
  return { fail: false, line: `npm audit: no high or critical advisory in the runtime dependencies (${v.total ?? 0} of lower severity).` };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
  const { fail, line } = judgeAudit(run.stdout || run.stderr || '');
  console.log(line);
  process.exit(fail ? 1 : 0);
}
