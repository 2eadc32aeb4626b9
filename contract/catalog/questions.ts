import { CODE_PATTERNS } from './codes.ts';
import { MIN_CHOICE_OPTIONS } from './limits.ts';

/** One answer a choice question offers, said in Chinese and English. */
export interface ChoiceOption {
  value: string;
  label: string;
  labelEn: string;
}

/**
 * A question whose answer decides something: which items of a bundle apply (场景式导航), or which
 * branch and which materials an item's case takes (办理情形).
 */
export type Question =
  { code: string; text: string; textEn: string; type: 'boolean' } | { code: string; text: string; textEn: string; type: 'choice'; options: ChoiceOption[] };

export type QuestionType = Question['type'];

export type Answers = Record<string, boolean | string>;

/** A condition: every answer it names must be given as named (null: always). */
export type Condition = Answers | null;

/** Whether the answers meet a condition (办理情形): the server's rule, and the pages' to show what the answers call for. */
export const meets = (condition: Condition | undefined, answers: Answers): boolean =>
  !condition || Object.entries(condition).every(([q, v]) => answers[q] === v);

export const questionSchema = {
  type: 'object',
  required: ['code', 'text', 'textEn', 'type'],
  properties: {
    code: { type: 'string', pattern: CODE_PATTERNS.question },
    text: { type: 'string' },
    textEn: { type: 'string' },
    type: { type: 'string', enum: ['boolean', 'choice'] },
    options: {
      type: 'array',
      minItems: MIN_CHOICE_OPTIONS,
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
