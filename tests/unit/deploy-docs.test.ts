/** The README shows the deployment configurations the project ships (deploy/), word for word:
 *  the nginx one is the one tests/e2e/deploy-nginx.test.mjs serves the app through. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/engine';

const read = (p: string) => readFileSync(`${ROOT}/${p}`, 'utf8');

describe('deployment configurations', () => {
  const readme = read('README.md');
  it.each(['deploy/nginx.conf', 'deploy/apache.conf', 'deploy/web.config'])('README.md holds %s verbatim', (file) => {
    expect(readme.includes(read(file).trim())).toBe(true);
  });

  it('each sends the same policy as the app, with frame-ancestors and X-Frame-Options', () => {
    const meta = /content="(default-src[^"]+)"/.exec(read('index.html'))![1]!;
    for (const file of ['deploy/nginx.conf', 'deploy/apache.conf', 'deploy/web.config', 'scripts/serve.mjs']) {
      const text = read(file).replace(/"\s*\+\s*"/g, '');
      expect(text, file).toContain(`${meta}; frame-ancestors 'none'`);
      expect(text, file).toMatch(/X-Frame-Options[^\n]*DENY/i);
    }
  });
});
