import type { Context } from 'mocha';
import { registeredPlatform } from './platform-registry.ts';

/**
 * Mocha root hooks: one real platform for the whole run, started only when a loaded test file
 * needs it (it imports environment.ts). So the unit tier starts no engine, and any one file runs
 * alone: `npx mocha test/api/seals.test.ts`.
 */
export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    // the engine's first start on MariaDB creates its schema: well over mocha's test timeout
    this.timeout(600_000);
    await registeredPlatform()?.start();
  },
  async afterAll(this: Context): Promise<void> {
    this.timeout(120_000);
    await registeredPlatform()?.stop();
  },
};
