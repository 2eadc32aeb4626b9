import type { Ajv, ValidateFunction } from 'ajv';
import { validationFailed } from '../errors/app-error.ts';
import type { FieldProblem } from '../../contract/problems.ts';
import { schemaProblems } from '../../contract/validation/check.ts';
import { newAjv } from '../../contract/validation/setup.ts';

/**
 * The server's ajv: made as the contract makes every ajv of ours (options, formats, annotations:
 * contract/validation/setup.ts), its errors said as the contract says them
 * (contract/validation/describe.ts), so the web app, checking a form with the same schema before
 * it sends, shows the very problems a 422 would list.
 */
export const ajv = newAjv(true);

/** For the catalog's own schemas (item and bundle definitions), written for start-up's non-strict checks. */
export const catalogAjv = newAjv(false);

const compiled = new WeakMap<object, ValidateFunction>();

/** Validates data against a schema (compiled once per schema object); throws a 422 listing every problem. */
export function assertValid<T>(schema: object, data: unknown, prefix?: string, using: Ajv = ajv): asserts data is T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = using.compile(schema);
    compiled.set(schema, validate);
  }
  const problems = schemaProblems(validate, data, prefix);
  if (problems.length) throw validationFailed(problems);
}

/** Same as assertValid but returns the problems instead of throwing. */
export function problemsOf(schema: object, data: unknown): FieldProblem[] {
  try {
    assertValid(schema, data);
    return [];
  } catch (err) {
    return (err as { details: FieldProblem[] }).details;
  }
}
