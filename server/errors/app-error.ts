import type { Localized } from '../i18n/locale.ts';
import { fieldProblem, type FieldProblem } from '../../contract/problems.ts';
import type { ErrorCode } from './messages.ts';

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

/** An error whose answer says when to try again: Retry-After, in whole seconds, at least one (a lock, a rate). */
export const withRetryAfter = <E extends AppError>(error: E, seconds: number): E & { retryAfterSeconds: number } =>
  Object.assign(error, { retryAfterSeconds: Math.max(1, Math.ceil(seconds)) });

export const badRequest = (code: ErrorCode = 'bad_request', message?: Localized) => new AppError(400, code, [], message);
export const validationFailed = (details: FieldProblem[]) => new AppError(422, 'validation_failed', details);
/** A field problem (contract/problems.ts: the web app's checks make the same), for the server's modules. */
export { fieldProblem, type FieldProblem };

/** The address cannot be read: a % not followed by two hex digits, or bytes that are no UTF-8 (%FF, %E4%B8). */
export const malformedAddress = () =>
  badRequest('bad_request', {
    'zh-CN': '请求地址中的百分号编码（%）不正确，无法识别，请检查链接',
    en: 'The address contains a malformed percent-encoding (%) and cannot be read; check the link',
  });
/** A control character (NUL, a line break, ESC …) in the path or the query: no address of ours has one. */
export const controlCharacterInAddress = () =>
  badRequest('bad_request', {
    'zh-CN': '请求地址中含有控制字符（如空字符 NUL、换行符），已拒绝',
    en: 'The address contains a control character (such as NUL or a line break); refused',
  });
/** A NUL character in one field of a request (a JSON body's string or key, a file name): nothing was changed. */
export const nulInField = (field: string) =>
  new AppError(
    400,
    'bad_request',
    [fieldProblem(field, `${field}：含有空字符（NUL），请删除后重新提交`, `${field}: contains a NUL character; remove it and send again`)],
    {
      'zh-CN': `提交的内容有误：${field} 含有空字符（NUL），未作任何更改`,
      en: `The request has an error: ${field} contains a NUL character; nothing was changed`,
    },
  );
/**
 * A multipart body its parser (busboy) cannot read: a control character such as NUL in a part's
 * header, where the file name is, a body cut short, no boundary. `field` is the part it can only be.
 */
export const malformedUpload = (field?: string) =>
  new AppError(
    400,
    'bad_request',
    field
      ? [
          fieldProblem(
            field,
            `${field}：文件名含有控制字符（如空字符 NUL）或格式不正确`,
            `${field}: the file name contains a control character (such as NUL) or is malformed`,
          ),
        ]
      : [],
    {
      'zh-CN': '上传内容无法读取：文件名等含有控制字符（如空字符 NUL），或内容不完整；未作任何更改',
      en: 'The upload cannot be read: the file name or another header contains a control character (such as NUL), or the body is incomplete; nothing was changed',
    },
  );
export const unauthenticated = (code: ErrorCode = 'unauthenticated') => new AppError(401, code);
export const forbidden = () => new AppError(403, 'forbidden');
export const notFound = (code: ErrorCode = 'not_found') => new AppError(404, code);
export const conflict = (code: ErrorCode, message?: Localized) => new AppError(409, code, [], message);
export const engineUnavailable = () => new AppError(503, 'engine_unavailable');
