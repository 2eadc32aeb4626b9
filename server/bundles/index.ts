/**
 * 一件事 (bundles), the public entry: the joint decision (a machine step), the bundles' versions,
 * their merged form and materials, the items a questionnaire's answers choose, and the check of a
 * bundle against its items. The catalog of bundles and its questionnaire are served by
 * bundles.controller.ts.
 */
export { decideBundle } from './joint-decision.ts';
export { bundleVersion, latestBundle, latestBundles, upsertBundleVersion, type BundleVersion } from './bundles.repository.ts';
export { mergeForms, mergeMaterials } from './merge.ts';
export { applicableItemCodes } from './questionnaire.ts';
export { checkBundle } from './check-bundle.ts';
