import type { Localized } from '../locale.ts';

/**
 * What a person reads when a text does not have the shape a schema's `pattern` asks for: the shape
 * in words, in both languages, instead of the regular expression (describe.ts). Beside the pattern:
 * `{ type: 'string', ...shaped(PATTERN, '只能包含数字和字母', 'only digits and letters') }`.
 */
export const PATTERN_HINT = 'x-pattern-hint';

export const patternHintMetaSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['zh-CN', 'en'],
  properties: { 'zh-CN': { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
} as const;

/** A pattern with its words (after the field's title: "用户名：…", "User name: …"). */
export const shaped = (pattern: string, zh: string, en: string) => ({ pattern, [PATTERN_HINT]: { 'zh-CN': zh, en } as Localized }) as const;
