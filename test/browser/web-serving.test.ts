import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { api, auth } from '../support/api.ts';
import { ensureWebBuilt, WEB_DIST } from '../../scripts/build-web.ts';

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
