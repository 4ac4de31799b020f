/** CI's dependency watch (scripts/audit.mjs): a high or critical advisory fails the run; an
 *  advisory service that does not answer is said in one line and the run goes on. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module script without types
import { judgeAudit } from '../../scripts/audit.mjs';

const report = (vulnerabilities: Record<string, { name: string; severity: string }>, counts: Record<string, number>) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...counts } } });

describe('npm audit in CI', () => {
  it('fails on a high or critical advisory, naming the packages', () => {
    const high = judgeAudit(report({ xlsx: { name: 'xlsx', severity: 'high' } }, { high: 1, total: 1 }));
    expect(high.fail).toBe(true);
    expect(high.line).toMatch(/xlsx \(high\)/);
    expect(judgeAudit(report({ a: { name: 'a', severity: 'critical' } }, { critical: 1, total: 1 })).fail).toBe(true);
  });

  it('passes with only lower advisories, or none', () => {
    expect(judgeAudit(report({ b: { name: 'b', severity: 'moderate' } }, { moderate: 1, total: 1 }))).toEqual({ fail: false, line: expect.stringMatching(/no high or critical/) });
    expect(judgeAudit(report({}, {})).fail).toBe(false);
  });

  it('says in one line that nothing was checked when the service does not answer, and goes on', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } });
    const r = judgeAudit(refused);
    expect(r.fail).toBe(false);
    expect(r.line).toMatch(/did not answer \(405 Method Not Allowed.*NOT checked/);
    expect(r.line.split('\n')).toHaveLength(1);
    expect(judgeAudit('').fail).toBe(false);
    expect(judgeAudit('{"error":{"code":"ENOTFOUND","summary":"request to https://registry.npmjs.org failed"}}').line).toMatch(/ENOTFOUND|failed/);
  });
});
