
/** A question of a bundle's scenario questionnaire (场景式导航). */
export type Question =
  | { code: string; text: string; textEn: string; type: 'boolean' }
  | { code: string; text: string; textEn: string; type: 'choice'; options: { value: string; label: string; labelEn: string }[] };

export type Answers = Record<string, boolean | string>;

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
    questionnaire: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'text', 'textEn', 'type'],
        properties: {
          code: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]{1,40}$' },
          text: { type: 'string' },
          textEn: { type: 'string' },
          type: { type: 'string', enum: ['boolean', 'choice'] },
          options: {
            type: 'array',
            minItems: 2,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['value', 'label', 'labelEn'],
              properties: { value: { type: 'string' }, label: { type: 'string' }, labelEn: { type: 'string' } },
            },
          },
        },
        if: { properties: { type: { const: 'choice' } } },
        then: { required: ['options'] },
        else: { not: { required: ['options'] } },
      },
    },
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
