import type { ErrorObject } from 'ajv';
import { withPrefix, type FieldProblem } from '../problems.ts';
import { describeErrors } from './describe.ts';

/**
 * A JSON schema compiled by an ajv made as setup.ts makes them: at run time on the server, ahead
 * of time for the browser (standalone.ts).
 */
export interface CompiledSchema {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The problems of data against a compiled schema, each named from the body (`prefix`: where the data sits in it). */
export function schemaProblems(validate: CompiledSchema, data: unknown, prefix?: string): FieldProblem[] {
  return validate(data) ? [] : withPrefix(describeErrors(validate.errors ?? []), prefix);
}
