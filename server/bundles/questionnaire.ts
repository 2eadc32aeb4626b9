import type { Answers, BundleDefinition } from './bundle-definition.ts';
import { assertValid } from '../validation/ajv.ts';

const schemas = new WeakMap<BundleDefinition, object>();

/** The JSON schema of a complete set of answers to the bundle's questionnaire. */
export function answersSchema(bundle: BundleDefinition): object {
  let schema = schemas.get(bundle);
  if (!schema) {
    schema = {
      type: 'object',
      additionalProperties: false,
      required: bundle.questionnaire.map((q) => q.code),
      properties: Object.fromEntries(
        bundle.questionnaire.map((q) => [
          q.code,
          q.type === 'boolean'
            ? { type: 'boolean', title: q.text, 'x-title-en': q.textEn }
            : { type: 'string', enum: q.options.map((o) => o.value), title: q.text, 'x-title-en': q.textEn },
        ]),
      ),
    };
    schemas.set(bundle, schema);
  }
  return schema;
}

/** Validates the answers (422 naming each question) and returns the codes of the items that apply. */
export function applicableItemCodes(bundle: BundleDefinition, answers: unknown): string[] {
  assertValid<Answers>(answersSchema(bundle), answers, 'answers');
  const given = answers as Answers;
  return bundle.items.filter((i) => !i.when || Object.entries(i.when).every(([q, v]) => given[q] === v)).map((i) => i.code);
}
