import type { Localized } from '../../i18n/locale.ts';

/**
 * A request a sandbox refuses, with the status and code the real gateway would answer and a
 * message a person can act on, in both languages (the caller's Accept-Language picks one).
 */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly localized: Localized,
  ) {
    super(localized.en);
    this.name = 'SandboxError';
  }
}

export const invalidInput = (field: string, zh: string, en: string) =>
  new SandboxError(400, 'invalid_request', { 'zh-CN': `${field}：${zh}`, en: `${field}: ${en}` });
export const sandboxNotFound = (code: string, zh: string, en: string) => new SandboxError(404, code, { 'zh-CN': zh, en });
export const sandboxConflict = (code: string, zh: string, en: string) => new SandboxError(409, code, { 'zh-CN': zh, en });
