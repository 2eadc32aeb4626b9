import type { Context } from 'mocha';
import { FileTimings } from './file-timings.ts';
import { registeredPlatform } from './platform-registry.ts';

const timings = new FileTimings();

/**
 * Mocha root hooks: one real platform for the whole run, started only when a loaded test file
 * needs it (it imports environment.ts). So the unit tier starts no engine, and any one file runs
 * alone: `npx mocha test/api/seals.test.ts`. They also time each file for the lanes' planning.
 */
export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    // the engine's first start on MariaDB creates its schema: well over mocha's test timeout
    this.timeout(600_000);
    await registeredPlatform()?.start();
    timings.restart();
  },
  afterEach(this: Context): void {
    timings.testEnded(this.currentTest?.file);
  },
  async afterAll(this: Context): Promise<void> {
    this.timeout(120_000);
    await registeredPlatform()?.stop();
    timings.write();
  },
};
