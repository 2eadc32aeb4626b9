/**
 * 联审联办 (joint review), the public entry: the joint decision of a 一件事 once its items are
 * decided (the `joint-decision` machine step). The bundles themselves are catalog entries
 * (server/catalog).
 */
export { decideBundle } from './joint-decision.ts';
