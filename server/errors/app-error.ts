import type { Localized } from '../i18n/locale.ts';
import type { ErrorCode } from './messages.ts';

/** One problem with one field of a request, in both languages. */
export interface FieldProblem {
  field: string;
  label?: string;
  message: Localized;
  /** a stable code for programs where the problem has one (seal_dpi, signer_expired …) */
  code?: string;
}

/**
 * An error a client caused or can act on. Anything else reaching the error middleware is a bug
 * and becomes a 500 with no details.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly details: FieldProblem[] = [],
    /** overrides the catalogue message, for messages that carry specifics */
    readonly localizedMessage?: Localized,
  ) {
    super(localizedMessage?.en ?? code);
    this.name = 'AppError';
  }
}

export const badRequest = (code: ErrorCode = 'bad_request', message?: Localized) => new AppError(400, code, [], message);
export const validationFailed = (details: FieldProblem[]) => new AppError(422, 'validation_failed', details);
/** One problem with one field, said in both languages. */
export const fieldProblem = (field: string, zh: string, en: string): FieldProblem => ({ field, message: { 'zh-CN': zh, en } });
export const unauthenticated = (code: ErrorCode = 'unauthenticated') => new AppError(401, code);
export const forbidden = () => new AppError(403, 'forbidden');
export const notFound = (code: ErrorCode = 'not_found') => new AppError(404, code);
export const conflict = (code: ErrorCode, message?: Localized) => new AppError(409, code, [], message);
export const engineUnavailable = () => new AppError(503, 'engine_unavailable');
