import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { api, auth } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { ensureWebBuilt, WEB_DIST } from '../../scripts/build-web.ts';
import { browserSuite } from './support/browser.ts';
import { watchRequests } from './support/load-times.ts';

/** A GET as a browser sends it, the body as it came over the wire (supertest would unpack it). */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(new URL(path, testEnv().url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

const assets = () => readdirSync(join(WEB_DIST, 'assets'));
/** The largest file of the build ending so (the modeler's chunk is the largest script) */
const largest = (ext: string) =>
  assets()
    .filter((f) => f.endsWith(ext))
    .sort((a, b) => statSync(join(WEB_DIST, 'assets', b)).size - statSync(join(WEB_DIST, 'assets', a)).size)[0]!;

describe('the server serves the web front end', function () {
  before(async function () {
    this.timeout(300_000);
    await ensureWebBuilt();
  });

  it('at / and at every page path, with a Content-Security-Policy that allows no inline script', async () => {
    for (const path of ['/', '/inbox', '/inbox/tasks/some-task', '/cases/43010020261122000042']) {
      const res = await api().get(path).set('Accept', 'text/html');
      expect(res.status, path).to.equal(200);
      expect(res.type).to.equal('text/html');
      expect(res.text).to.contain('<div id="app">');
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).to.contain("script-src 'self'");
      expect(csp).to.not.match(/script-src[^;]*unsafe-inline/);
      expect(res.text, 'no inline script').to.not.match(/<script(?![^>]*\ssrc=)[^>]*>/);
    }
  });

  it('serves the hashed assets for a year, and index.html never from a cache', async () => {
    const asset = readdirSync(join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await api().get(`/assets/${asset}`);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.contain('immutable');
    expect((await api().get('/').set('Accept', 'text/html')).headers['cache-control']).to.equal('no-cache');
  });

  it('sends scripts and styles brotli- or gzip-compressed as the build wrote them (brotli first), and unpacked to a client that takes neither', async () => {
    const script = largest('.js');
    const style = largest('.css');
    for (const [path, file, type] of [
      [`/assets/${script}`, join(WEB_DIST, 'assets', script), 'javascript'],
      [`/assets/${style}`, join(WEB_DIST, 'assets', style), 'text/css'],
    ] as const) {
      const original = readFileSync(file);
      for (const [accept, encoding, unpack] of [
        ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
        ['gzip, deflate', 'gzip', gunzipSync],
        ['identity', undefined, (b: Buffer) => b],
      ] as const) {
        const res = await rawGet(path, { 'Accept-Encoding': accept, Accept: 'text/html,*/*' });
        expect(res.status, `${path} ${accept}`).to.equal(200);
        expect(res.headers['content-encoding'], `${path} ${accept}`).to.equal(encoding);
        expect(res.headers['content-type'], `${path} ${accept}`).to.contain(type);
        expect(res.headers.vary, `${path} ${accept}`).to.match(/Accept-Encoding/i);
        expect(Number(res.headers['content-length']), `${path} ${accept}: the bytes sent`).to.equal(res.body.length);
        expect(unpack(res.body).equals(original), `${path} ${accept}: the file itself`).to.equal(true);
        if (encoding) expect(res.body.length, `${path} ${accept}: smaller`).to.be.below(original.length / 2);
      }
    }
    // the modeler's chunk, the largest: a quarter of its size or less over the wire
    const br = await rawGet(`/assets/${script}`, { 'Accept-Encoding': 'br' });
    expect(br.body.length).to.be.below(statSync(join(WEB_DIST, 'assets', script)).size / 4);
    expect(br.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    // a compressed copy is not a file of its own, a script the build lacks is no page, and no path leads out of the build's folder
    expect((await rawGet('/assets/no-such-chunk-0000.js', { Accept: 'text/html,*/*' })).status).to.equal(404);
    expect((await rawGet(`/assets/${script}.br`, { Accept: '*/*' })).status).to.equal(404);
    expect((await rawGet('/assets/..%2f..%2fpackage.json', { Accept: '*/*' })).status).to.equal(404);
  });

  it("keeps the API's JSON 404 for unknown API paths", async () => {
    for (const path of ['/api/v1/no-such-thing', '/api/no-such-thing', '/api']) {
      const res = await api()
        .get(path)
        .set('Accept', 'text/html,application/json')
        .set(await auth('reviewer'));
      expect(res.status, path).to.equal(404);
      expect(res.body.error.code, path).to.equal('route_not_found');
    }
  });
});

describe('the sign-in page loads what it shows (chromium)', function () {
  this.timeout(120_000);
  const { open } = browserSuite();

  it('fetches no modeler, bpmn-js, form-js or whole Element Plus, compressed, and takes them from the cache the second time', async () => {
    const { page } = await open();
    const fetched = watchRequests(page);
    await page.goto('/login');
    await page.locator('#login-username').waitFor();
    const files = await page.evaluate(() =>
      (performance as unknown as { getEntriesByType(t: string): { name: string }[] }).getEntriesByType('resource').map((e) => e.name),
    );
    const scripts = files.filter((f) => f.endsWith('.js')).map((f) => new URL(f).pathname.replace('/assets/', ''));
    expect(scripts.length, 'scripts loaded').to.be.above(2);
    // the chunks of the modeler (properties panel, form editor, lint), of bpmn-js and form-js, and Element Plus as one file
    expect(scripts.filter((f) => /^(modeler|bpmn|bpmn-io|forms|element-plus)-/.test(f))).to.deep.equal([]);
    const { assets: loaded } = await fetched();
    // in Chinese, the pages' English texts (a chunk of their own, ~100 KiB) are not fetched
    expect(
      scripts.filter((f) => /^en-/.test(f)),
      'the English texts',
    ).to.deep.equal([]);
    // the main chunk carries every page's Chinese texts (670 KiB with both languages, before they were parted)
    expect(loaded.bytes, 'unpacked scripts and styles of the sign-in page').to.be.below(600 * 1024);
    expect(loaded.sentBytes, 'compressed over the wire').to.be.below(loaded.bytes / 3);
    // a second visit: every script and style from the browser's cache (immutable), only index.html asked again
    const again = watchRequests(page);
    await page.goto('/login');
    await page.locator('#login-username').waitFor();
    const second = await again();
    expect(second.assets.sentBytes, 'bytes of scripts and styles sent again').to.equal(0);
  });
});
