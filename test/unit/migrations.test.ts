import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../migrations/index.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';

describe('migrations', () => {
  it('lists every migration file, in order', () => {
    const files = readdirSync(join(REPO_ROOT, 'migrations'))
      .filter((f) => /^\d{4}-.+\.ts$/.test(f))
      .sort();
    expect(MIGRATIONS.map((m) => m.name)).to.deep.equal(files.map((f) => f.replace(/\.ts$/, '')));
  });
});
