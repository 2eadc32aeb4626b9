/**
 * Whether a loaded test file needs the real platform (engine, server, workers): importing
 * environment.ts says so. Pure tests never import it, so a run of them alone starts nothing.
 */
let wanted = false;

export function wantPlatform(): void {
  wanted = true;
}

export function platformWanted(): boolean {
  return wanted;
}
