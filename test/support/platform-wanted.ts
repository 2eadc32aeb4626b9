/**
 * Whether a loaded test file needs the real platform (engine, server, workers): importing
 * environment.ts says so. Pure tests never import it, so a run of them alone starts nothing.
 * Kept on globalThis: mocha may load the root hooks and the spec files through different module
 * loaders (ESM import, CommonJS require), each with its own copy of this module.
 */
const FLAG = Symbol.for('approval-platform.test.platform-wanted');
const global = globalThis as { [FLAG]?: boolean };

export function wantPlatform(): void {
  global[FLAG] = true;
}

export function platformWanted(): boolean {
  return global[FLAG] === true;
}
