import type { FieldProblem } from '../errors/app-error.ts';
import type { DocumentProblem } from '../documents/problems.ts';
import { codedProblem } from '../../contract/problems.ts';

/** A problem of one field of a seal request, with a stable code for programs. */
export { codedProblem };

/** A problem checkSealImage or readP12 found, as a problem of the request's field. */
export const documentProblem = (field: string, problem: DocumentProblem): FieldProblem => codedProblem(field, problem.code, problem.message, problem.en);
