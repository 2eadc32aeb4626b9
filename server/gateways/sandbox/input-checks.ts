import { invalidInput } from './sandbox-error.ts';

/**
 * Field checks for the sandboxes' JSON APIs. Each refuses with a 400 naming the field and what it
 * should be, as a real gateway's documented error would, so a mistake on our side shows at once.
 */
export type Body = Record<string, unknown>;

export function jsonObject(body: unknown): Body {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidInput('body', '请求体应为 JSON 对象（Content-Type: application/json）', 'the body must be a JSON object (Content-Type: application/json)');
  }
  return body as Body;
}

/** The value at a dotted path, e.g. 'recipient.phone', so messages name nested fields in full. */
function valueAt(body: Body, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Body)[key] : undefined), body);
}

/** A nested object, e.g. 'recipient'. */
export function object(body: Body, field: string): Body {
  const value = valueAt(body, field);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidInput(field, '为必填项，应为对象', 'is required and must be an object');
  return value as Body;
}

interface TextRule {
  min?: number;
  max: number;
  pattern?: RegExp;
  /** what the pattern means, e.g. 'only letters, digits, - and _' */
  patternHint?: { zh: string; en: string };
}

export function text(body: Body, field: string, rule: TextRule): string {
  const value = valueAt(body, field);
  if (typeof value !== 'string') throw invalidInput(field, '为必填项，应为字符串', 'is required and must be a string');
  const trimmed = value.trim();
  const min = rule.min ?? 1;
  if ([...trimmed].length < min || [...trimmed].length > rule.max) {
    throw invalidInput(field, `长度应为 ${min} 至 ${rule.max} 个字符`, `must be ${min} to ${rule.max} characters long`);
  }
  if (rule.pattern && !rule.pattern.test(trimmed)) {
    const hint = rule.patternHint ?? { zh: '格式不正确', en: 'has the wrong format' };
    throw invalidInput(field, hint.zh, hint.en);
  }
  return trimmed;
}

export function optionalText(body: Body, field: string, rule: TextRule): string | undefined {
  return valueAt(body, field) === undefined ? undefined : text(body, field, rule);
}

export function integer(body: Body, field: string, min: number, max: number): number {
  const value = valueAt(body, field);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidInput(field, `应为 ${min} 至 ${max} 之间的整数`, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function optionalInteger(body: Body, field: string, min: number, max: number): number | undefined {
  return valueAt(body, field) === undefined ? undefined : integer(body, field, min, max);
}

export function httpUrl(body: Body, field: string): string {
  const value = text(body, field, { max: 2048 });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidInput(field, '应为完整的 http(s) 地址', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidInput(field, '应为 http 或 https 地址', 'must be an http or https URL');
  return url.toString();
}

export function optionalHttpUrl(body: Body, field: string): string | undefined {
  return valueAt(body, field) === undefined ? undefined : httpUrl(body, field);
}

/** An ISO 8601 instant with its offset, e.g. 2026-03-01T12:00:00+08:00. */
export function instant(body: Body, field: string): Date {
  const value = valueAt(body, field);
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw invalidInput(
      field,
      '应为带时区的 ISO 8601 时间，如 2026-03-01T12:00:00+08:00',
      'must be an ISO 8601 instant with offset, e.g. 2026-03-01T12:00:00+08:00',
    );
  }
  return date;
}

export function oneOf<T extends string>(body: Body, field: string, values: readonly T[]): T {
  const value = valueAt(body, field);
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw invalidInput(field, `应为以下之一：${values.join('、')}`, `must be one of ${values.join(', ')}`);
  }
  return value as T;
}

export function optionalOneOf<T extends string>(body: Body, field: string, values: readonly T[]): T | undefined {
  return valueAt(body, field) === undefined ? undefined : oneOf(body, field, values);
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = valueAt(body, field);
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalidInput(field, '应为 true 或 false', 'must be true or false');
  return value;
}
