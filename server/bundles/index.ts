/**
 * 一件事 (bundles), the public entry for the machine steps; the catalog of bundles and its
 * questionnaire are served by bundles.controller.ts.
 */
export { decideBundle } from './joint-decision.ts';
