import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/api-types.ts';

describe("the web app's API types are the API document's (contract/api/openapi.ts, scripts/api-types.ts)", () => {
  it('the committed contract/api/openapi.ts is the one the document gives now', async function () {
    this.timeout(30_000);
    const generated = await generateApiTypes();
    let committed = '';
    try {
      committed = readFileSync(API_TYPES_FILE, 'utf8');
    } catch {
      // missing: as stale as can be
    }
    if (generated === committed) return;
    // the first line that differs, to say where the document changed
    const a = committed.split('\n');
    const b = generated.split('\n');
    let line = 0;
    while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++;
    expect.fail(
      `${relative(process.cwd(), API_TYPES_FILE)} is not the API document's types any more (first difference at line ${line + 1}: ` +
        `${JSON.stringify(a[line] ?? '(end)')} → ${JSON.stringify(b[line] ?? '(end)')}): run npm run api:types`,
    );
  });
});
