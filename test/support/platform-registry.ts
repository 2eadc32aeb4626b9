/**
 * A loaded test file that needs the real platform (engine, server, workers) imports
 * environment.ts, which registers how to start and stop it here; the root hooks (hooks.ts) start
 * it only then. Pure tests never import it, so a run of them alone starts nothing.
 * Kept on globalThis: mocha may load the root hooks and the spec files through different module
 * loaders (ESM import, CommonJS require), each with its own copy of a module.
 */
export interface PlatformLifecycle {
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

const KEY = Symbol.for('approval-platform.test.platform');
const global = globalThis as { [KEY]?: PlatformLifecycle };

export function registerPlatform(lifecycle: PlatformLifecycle): void {
  global[KEY] ??= lifecycle;
}

export function registeredPlatform(): PlatformLifecycle | undefined {
  return global[KEY];
}
