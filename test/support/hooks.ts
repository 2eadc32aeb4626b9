import type { Context } from 'mocha';
import { platformWanted } from './platform-wanted.ts';

/**
 * Mocha root hooks: one real platform for the whole run, started only when a loaded test file
 * needs it (it imports environment.ts). So the unit tier starts no engine, and any one file runs
 * alone: `npx mocha test/api/seals.test.ts`.
 */
export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    if (!platformWanted()) return;
    // the engine's first start on MariaDB creates its schema: well over mocha's test timeout
    this.timeout(600_000);
    const { startTestEnvironment } = await import('./environment.ts');
    await startTestEnvironment();
  },
  async afterAll(this: Context): Promise<void> {
    if (!platformWanted()) return;
    this.timeout(120_000);
    const { stopTestEnvironment } = await import('./environment.ts');
    await stopTestEnvironment();
  },
};
