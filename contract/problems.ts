import type { Locale, Localized } from './locale.ts';

/**
 * One problem with one field of a request: what the server's 422 (`validation_failed`) lists and
 * what a page's own check shows at the field before anything is sent. `field` is the dotted path
 * inside the body (`recipient.phone`, `materials.2.code`; `/` the body itself). Where a problem is
 * made its message is in both languages (the default, `Localized`); once it is said to someone, in
 * the API's answer or on a page, it is in theirs (`ProblemDetail`, the same shape with a string).
 */
export interface FieldProblem<Message = Localized> {
  field: string;
  /** the field's title (Chinese), where its schema gives one */
  label?: string;
  message: Message;
  /** a stable code for programs where the problem has one (seal_dpi, password_too_short …) */
  code?: string;
}

/** A field problem in one language: the `details` of an API error, a problem a page shows. */
export type ProblemDetail = FieldProblem<string>;

/** One problem with one field, said in both languages. */
export const fieldProblem = (field: string, zh: string, en: string): FieldProblem => ({ field, message: { 'zh-CN': zh, en } });

/** One problem with one field, said in both languages, with a stable code for programs (seal_dpi, identity_unverified …). */
export const codedProblem = (field: string, code: string, zh: string, en: string): FieldProblem => ({ field, code, message: { 'zh-CN': zh, en } });

/** A problem in one language, as the API answers it (undefined label and code left out). */
export const inLocale = (problem: FieldProblem, locale: Locale): ProblemDetail => ({
  field: problem.field,
  ...(problem.label === undefined ? {} : { label: problem.label }),
  message: problem.message[locale],
  ...(problem.code ? { code: problem.code } : {}),
});

/**
 * Problems of a part of a request named from the whole body: `prefix` is where the part sits
 * (`delivery` inside POST /cases: `recipient.phone` → `delivery.recipient.phone`, `/` → `delivery`).
 */
export const withPrefix = <P extends FieldProblem<unknown>>(problems: P[], prefix?: string): P[] =>
  prefix ? problems.map((p) => ({ ...p, field: p.field === '/' ? prefix : `${prefix}.${p.field}` })) : problems;
