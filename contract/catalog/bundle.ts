import { CODE_PATTERNS } from './codes.ts';
import { DAYS, MIN_BUNDLE_ITEMS, NAME_LENGTH } from './limits.ts';
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
  /** what one item's refusal means for the bundle */
  onItemRejected: OnItemRejected;
  questionnaire: Question[];
  /** each item applies when every answer named in `when` is given (null: always) */
  items: { code: string; when: Condition }[];
}

export const bundleDefinitionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'nameEn', 'description', 'descriptionEn', 'promisedDays', 'onItemRejected', 'questionnaire', 'items'],
  properties: {
    code: { type: 'string', pattern: CODE_PATTERNS.bundle },
    name: { type: 'string', minLength: NAME_LENGTH.min },
    nameEn: { type: 'string', minLength: NAME_LENGTH.min },
    description: { type: 'string' },
    descriptionEn: { type: 'string' },
    promisedDays: { type: 'integer', minimum: DAYS.min, maximum: DAYS.max },
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
