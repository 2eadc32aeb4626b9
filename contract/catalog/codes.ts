/**
 * The catalog's codes, each pattern written once: the JSON schemas (item.ts, bundle.ts,
 * questions.ts) take the string, the web app's checks the RegExp. The RegExps are compiled with the
 * `u` flag, as ajv compiles a schema's `pattern`, so both say the same of every code.
 */
export const CODE_PATTERNS = {
  /** 事项编码 (e.g. SW-QS-001) */
  item: '^[A-Za-z0-9][A-Za-z0-9-]{1,62}$',
  /** 一件事编码 (e.g. QYZXDJ) */
  bundle: '^[A-Z0-9-]{2,32}$',
  /** the key of the BPMN process an item runs on */
  itemProcessKey: '^item_[A-Za-z0-9_.-]{1,123}$',
  /** 材料编码 in the material catalog (processes/catalog/materials.json) */
  material: '^[a-z0-9-]{2,64}$',
  /** a question's code (办理情形, 情形问答): its answer's name, and the process variable it becomes */
  question: '^[A-Za-z][A-Za-z0-9]{1,40}$',
} as const;

export const ITEM_CODE = new RegExp(CODE_PATTERNS.item, 'u');
export const BUNDLE_CODE = new RegExp(CODE_PATTERNS.bundle, 'u');
export const ITEM_PROCESS_KEY = new RegExp(CODE_PATTERNS.itemProcessKey, 'u');
export const MATERIAL_CODE = new RegExp(CODE_PATTERNS.material, 'u');
export const QUESTION_CODE = new RegExp(CODE_PATTERNS.question, 'u');
