import { meets, type Answers, type Condition, type Question } from '../../contract/catalog/questions.ts';
import { ENUM_LABELS } from '../../contract/catalog/enum-labels.ts';
import { assertValid } from '../validation/ajv.ts';

/**
 * 办理情形 and 情形问答 on the server: a questionnaire's answers checked, conditions met and
 * checked against the questions (the shapes and the question schema: contract/catalog/questions.ts).
 */

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
            : {
                type: 'string',
                enum: q.options.map((o) => o.value),
                // a wrong answer is said with the options as the applicant read them
                [ENUM_LABELS]: Object.fromEntries(q.options.map((o) => [o.value, { 'zh-CN': o.label, en: o.labelEn }])),
                title: q.text,
                'x-title-en': q.textEn,
              },
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

export { meets };

/** A catalog error if a condition names a question that is not asked, or an answer it cannot give. */
export function checkCondition(where: string, condition: Condition | undefined, questions: readonly Question[]): void {
  for (const [code, answer] of Object.entries(condition ?? {})) {
    const q = questions.find((x) => x.code === code);
    if (!q) throw new Error(`${where} depends on unknown question "${code}"`);
    const valid = q.type === 'boolean' ? typeof answer === 'boolean' : q.options.some((o) => o.value === answer);
    if (!valid) throw new Error(`${where} waits for an answer "${String(answer)}" that question "${code}" cannot give`);
  }
}
