import { assertValid } from '../validation/ajv.ts';

/**
 * A question whose answer decides something: which items of a bundle apply (场景式导航), or which
 * branch and which materials an item's case takes (办理情形).
 */
export type Question =
  | { code: string; text: string; textEn: string; type: 'boolean' }
  | { code: string; text: string; textEn: string; type: 'choice'; options: { value: string; label: string; labelEn: string }[] };

export type Answers = Record<string, boolean | string>;

/** A condition: every answer it names must be given as named (null: always). */
export type Condition = Answers | null;

export const questionSchema = {
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
} as const;

const schemas = new WeakMap<readonly Question[], object>();

/** The JSON schema of a complete set of answers to the questions. */
export function answersSchema(questions: readonly Question[]): object {
  let schema = schemas.get(questions);
  if (!schema) {
    schema = {
      type: 'object',
      additionalProperties: false,
      required: questions.map((q) => q.code),
      properties: Object.fromEntries(
        questions.map((q) => [
          q.code,
          q.type === 'boolean'
            ? { type: 'boolean', title: q.text, 'x-title-en': q.textEn }
            : { type: 'string', enum: q.options.map((o) => o.value), title: q.text, 'x-title-en': q.textEn },
        ]),
      ),
    };
    schemas.set(questions, schema);
  }
  return schema;
}

/** Validates a complete set of answers (422 naming each question). */
export function assertAnswers(questions: readonly Question[], answers: unknown): Answers {
  assertValid<Answers>(answersSchema(questions), answers, 'answers');
  return answers as Answers;
}

export const meets = (condition: Condition | undefined, answers: Answers): boolean =>
  !condition || Object.entries(condition).every(([q, v]) => answers[q] === v);

/** A catalog error if a condition names a question that is not asked, or an answer it cannot give. */
export function checkCondition(where: string, condition: Condition | undefined, questions: readonly Question[]): void {
  for (const [code, answer] of Object.entries(condition ?? {})) {
    const q = questions.find((x) => x.code === code);
    if (!q) throw new Error(`${where} depends on unknown question "${code}"`);
    const valid = q.type === 'boolean' ? typeof answer === 'boolean' : q.options.some((o) => o.value === answer);
    if (!valid) throw new Error(`${where} waits for an answer "${String(answer)}" that question "${code}" cannot give`);
  }
}
