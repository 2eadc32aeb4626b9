import { questionSchema, type Answers, type Question } from '../catalog/situations.ts';

export type { Answers, Question };

/** 一件事: items handled as one, as kept in processes/<folder>/bundle.json. */
export interface BundleDefinition {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  promisedDays: number;
  /** what one item's refusal means for the bundle */
  onItemRejected: 'refuse_bundle' | 'continue';
  questionnaire: Question[];
  /** each item applies when every answer named in `when` is given (null: always) */
  items: { code: string; when: Answers | null }[];
}

export const bundleDefinitionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'nameEn', 'description', 'promisedDays', 'onItemRejected', 'questionnaire', 'items'],
  properties: {
    code: { type: 'string', pattern: '^[A-Z0-9-]{2,32}$' },
    name: { type: 'string', minLength: 2 },
    nameEn: { type: 'string', minLength: 2 },
    description: { type: 'string' },
    promisedDays: { type: 'integer', minimum: 0, maximum: 365 },
    onItemRejected: { type: 'string', enum: ['refuse_bundle', 'continue'] },
    questionnaire: { type: 'array', items: questionSchema },
    items: {
      type: 'array',
      minItems: 2,
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
