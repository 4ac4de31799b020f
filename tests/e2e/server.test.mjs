// The server `npm start` runs: a malformed request gets 400 and the server goes on serving; the
// app may not be framed by another site.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startServer } from '../../scripts/serve.mjs';

/** A raw GET (fetch would refuse the malformed path before sending it). */
function get(port, path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the static server', () => {
  let server;
  let port;
  before(async () => {
    server = await startServer({ port: 0 });
    port = server.address().port;
  });
  after(() => server.close());

  it('answers a malformed URL with 400 and keeps serving', async () => {
    for (const bad of ['/%', '/%E0%A4%A', '/assets/%zz']) assert.equal((await get(port, bad)).statusCode, 400, bad);
    const ok = await get(port, '/');
    assert.equal(ok.statusCode, 200);
  });

  it('forbids framing by another site', async () => {
    const res = await get(port, '/');
    assert.match(res.headers['content-security-policy'], /frame-ancestors 'none'/);
    assert.equal(res.headers['x-frame-options'], 'DENY');
  });

  it('does not serve outside dist/', async () => {
    for (const p of ['/../package.json', '/..%2fpackage.json', '/%2e%2e/package.json']) assert.notEqual((await get(port, p)).statusCode, 200, p);
  });
});
