// dist/ served by Debian's nginx through deploy/nginx.conf (the configuration the README
// shows): the wasm type, the precompressed .gz files, caching for hashed assets, the policy
// and frame headers, and the app driven in Chromium through it. Skips, saying so, only when
// nginx is not installed (.ci/run installs it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fixture, loadFiles, runSql, tables, waitForTable, waitReady } from './harness.mjs';
import { foreignRequests, launch, openPage } from './browser.mjs';

function nginxBinary() {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(p)) return p;
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const NGINX = nginxBinary();
const CONF = readFileSync(fixture('deploy/nginx.conf'), 'utf8');
const DIST = fixture('dist');
if (!NGINX) console.log('# SKIPPED deploy-nginx: nginx is not installed (apt-get install -y nginx-light); the nginx configuration was not tested.');

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

describe('deploying on nginx with deploy/nginx.conf', { skip: NGINX ? false : 'nginx is not installed' }, () => {
  let dir;
  let nginx;
  let origin;
  let browser;
  const stderr = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sdv-nginx-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const site = CONF.replace(/listen 80;/, `listen 127.0.0.1:${port};`).replace(/root \/var\/www\/so-dan-van;/, `root ${DIST};`);
    assert.notEqual(site, CONF);
    const main = `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${site}
}
`;
    await writeFile(path.join(dir, 'nginx.conf'), main);
    nginx = spawn(NGINX, ['-p', dir, '-e', `${dir}/error.log`, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    nginx.stderr.on('data', (d) => stderr.push(String(d)));
    for (let i = 0; ; i++) {
      if (nginx.exitCode !== null) throw new Error(`nginx stopped: ${stderr.join('')}`);
      if (await fetch(`${origin}/`).then(() => true, () => false)) break;
      if (i > 100) throw new Error(`nginx did not answer: ${stderr.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGTERM');
      await new Promise((r) => nginx.once('exit', r));
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is the configuration the README shows', () => {
    const readme = readFileSync(fixture('README.md'), 'utf8');
    assert.ok(readme.includes(CONF.trim()), 'README.md holds deploy/nginx.conf verbatim');
  });

  it('sends the policy and frame headers, the wasm type, the .gz files and the right caching', async () => {
    const page = await fetch(`${origin}/`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('cache-control'), 'no-cache');

    const assets = await readdir(path.join(DIST, 'assets'));
    const wasm = assets.find((f) => /^duckdb-eh.*\.wasm$/.test(f));
    assert.ok(wasm && assets.includes(`${wasm}.gz`), 'the build wrote the engine and its .gz');
    const res = await fetch(`${origin}/assets/${wasm}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/wasm');
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    // fetch decompresses: the body is the real wasm, the bytes sent were the .gz.
    const body = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...body.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d]);
    assert.equal(body.length, (await stat(path.join(DIST, 'assets', wasm))).size);
    const raw = await fetch(`${origin}/assets/${wasm}`, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(Number(raw.headers.get('content-length')), (await stat(path.join(DIST, 'assets', `${wasm}.gz`))).size);
    // Without gzip, the plain file.
    const plain = await fetch(`${origin}/assets/${wasm}`, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(Number(plain.headers.get('content-length')), body.length);

    const script = assets.find((f) => /^index-.*\.js$/.test(f));
    const js = await fetch(`${origin}/assets/${script}`, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
    assert.match(js.headers.get('content-type') ?? '', /^(application|text)\/javascript/);
  });

  it('runs the app through it: the sample workbook, a file loaded, a query; nothing leaves the origin', async () => {
    const { page, requests } = await openPage(browser);
    await page.goto(`${origin}/`);
    await waitReady(page);
    assert.ok(Object.keys(await tables(page)).length > 0, 'the sample workbook opened');
    await loadFiles(page, fixture('tests/fixtures/Tiếp công dân 2022.csv'));
    await waitForTable(page, 'tiep_cong_dan_2022');
    const result = await runSql(page, 'SELECT count(*) AS n FROM tiep_cong_dan_2022');
    assert.equal(await result.getAttribute('data-state'), 'ok');
    assert.deepEqual(foreignRequests(requests, origin), []);
    // The page cannot be framed by another site.
    assert.equal(await page.evaluate(() => window.self === window.top), true);
  });
});
