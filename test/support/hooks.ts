import { startTestEnvironment, stopTestEnvironment } from './environment.ts';

/** Mocha global fixtures: one real platform for the whole run. */
export async function mochaGlobalSetup(): Promise<void> {
  await startTestEnvironment();
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopTestEnvironment();
}
