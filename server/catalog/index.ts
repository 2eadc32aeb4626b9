/**
 * 事项目录 (catalog), the public entry: the items' and the 一件事 bundles' versions as cases use
 * them, the rules of 办理情形 (situations), the versioning they share, a bundle's merged form and
 * materials and the items its questionnaire chooses, the process folders shipped with the platform
 * and the editor's save. The catalog's reading and editing are routed by its controllers.
 */
export { itemVersion, latestItem, latestItems, type ItemVersion } from './items.repository.ts';
/** An item's or a bundle's name in the caller's language, by code. */
export { catalogNames, type CatalogName } from './catalog-names.ts';
export type { CatalogSource } from './item.model.ts';
/** 办理情形: check the answers to an item's questions, and whether a condition holds for them. */
export { assertAnswers, checkCondition, meets } from './situations.ts';
/** The version a catalog entry gets by its content, and the latest entry per code (items and bundles alike). */
export { latestPerCode, versionFor } from './versioning.ts';
/** The processes/ folders: their items, bundles and BPMN, and the material catalog. */
export { readMaterialCatalog, readProcessFolders, type ProcessFolder } from './process-folders.ts';
/** The catalog editor's save of an item, and an item definition as its file (for the forms editor). */
export { saveItem } from './catalog-editing.ts';
export { itemFileOf } from './catalog-editor.ts';
/** 一件事: the bundles' versions, their merged form and materials, the items a questionnaire's answers choose, the check of a bundle against its items. */
export { bundleVersion, latestBundle, latestBundles, upsertBundleVersion, type BundleVersion } from './bundles.repository.ts';
export { mergeForms, mergeMaterials, type GeneratedMaterial } from './bundle-merge.ts';
export { applicableItemCodes } from './bundle-questionnaire.ts';
export { asFiled } from './filed-by-agent.ts';
export { checkBundle } from './check-bundle.ts';
/** 办事指南: an application form as a sheet (blank, sample, or generated from a bundle's one form). */
export { applicationSheet, fieldRows, valueText, type FormSchemaLike } from './form-sheet.ts';
