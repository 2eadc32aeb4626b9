import { CODE_PATTERNS } from './codes.ts';
import { DAYS, DEPARTMENT_CODE_LENGTH, MIN_BUNDLE_ITEMS, NAME_LENGTH } from './limits.ts';
import { questionSchema, type Condition, type Question } from './questions.ts';

/** What one item's refusal means for its bundle: the whole bundle refused, or the other items go on. */
export const ON_ITEM_REJECTED = ['refuse_bundle', 'continue'] as const;
export type OnItemRejected = (typeof ON_ITEM_REJECTED)[number];

/** 一件事: items handled as one, as kept in processes/<folder>/bundle.json (and as PUT /bundles/{code} takes it). */
export interface BundleDefinition {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  /** the description in English (pages in English show it); required where the Chinese one is given */
  descriptionEn: string;
  promisedDays: number;
  /**
   * 牵头部门: the department that leads the bundle, one of its items' departments; a 差评 of the
   * bundle is its leaders' to rectify (问题闭环, server/problems)
   */
  leadDepartmentCode: string;
  /** what one item's refusal means for the bundle */
  onItemRejected: OnItemRejected;
  questionnaire: Question[];
  /** each item applies when every answer named in `when` is given (null: always) */
  items: { code: string; when: Condition }[];
}

export const bundleDefinitionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'nameEn', 'description', 'descriptionEn', 'promisedDays', 'leadDepartmentCode', 'onItemRejected', 'questionnaire', 'items'],
  properties: {
    code: { type: 'string', pattern: CODE_PATTERNS.bundle },
    name: { type: 'string', minLength: NAME_LENGTH.min },
    nameEn: { type: 'string', minLength: NAME_LENGTH.min },
    description: { type: 'string' },
    descriptionEn: { type: 'string' },
    promisedDays: { type: 'integer', minimum: DAYS.min, maximum: DAYS.max },
    leadDepartmentCode: { type: 'string', minLength: DEPARTMENT_CODE_LENGTH.min, maxLength: DEPARTMENT_CODE_LENGTH.max },
    onItemRejected: { type: 'string', enum: ON_ITEM_REJECTED },
    questionnaire: { type: 'array', items: questionSchema },
    items: {
      type: 'array',
      minItems: MIN_BUNDLE_ITEMS,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'when'],
        properties: {
          code: { type: 'string' },
          when: { type: ['object', 'null'], additionalProperties: { type: ['boolean', 'string'] } },
        },
      },
    },
  },
} as const;

/** 牵头部门: the lead department must be one of the departments of the bundle's items (`departmentOf` an item code; undefined: unknown item). */
export function leadsBundle(bundle: Pick<BundleDefinition, 'leadDepartmentCode' | 'items'>, departmentOf: (itemCode: string) => string | undefined): boolean {
  return bundle.items.some((i) => departmentOf(i.code) === bundle.leadDepartmentCode);
}
