import { FORM_REQUESTS, type FormRequestName } from '../../../contract/requests/index.ts';
import type { FieldProblem } from '../../../contract/problems.ts';
import { schemaProblems, type CompiledSchema } from '../../../contract/validation/check.ts';

/**
 * What the server would refuse in the body of a form's request: its schema first, then, once the
 * schema passes, its rules (contract/requests/), as the server checks them, in the server's words
 * (contract/validation/describe.ts) and in both languages. `compiled` are the schemas compiled for
 * the browser (`virtual:request-checks`; the tests compile them the same way).
 */
export function requestChecker(compiled: Record<string, CompiledSchema>) {
  return (name: FormRequestName, body: unknown): FieldProblem[] => {
    const validate = compiled[name];
    if (!validate) throw new Error(`no compiled schema for the request ${name}`);
    const problems = schemaProblems(validate, body);
    if (problems.length) return problems;
    const { rules } = FORM_REQUESTS[name] as { rules?: (body: unknown) => FieldProblem[] };
    return rules ? rules(body) : [];
  };
}
