import type { Test } from 'supertest';

/**
 * 个人信息 must never leave the platform in full (issue 14, item 7): every API response the tests
 * receive through `api()` and every line of the platform's log is scanned for a whole resident ID
 * number (18 characters whose check digit is right, GB 11643) or a whole mobile number (11 digits
 * from 13…19), neither within a longer run of digits. A test that asks for a value in full where
 * a step needs it marks that one request with `expectsPersonalData`.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/**
 * Whether 18 characters are a resident ID number: a province code (11–82), a birth date that can be
 * (19xx/20xx, a real month and day) and the right check digit. A licence or case number that merely
 * has 18 digits is not one.
 */
export function validIdNumber(value: string): boolean {
  const province = Number(value.slice(0, 2));
  const [year, month, day] = [Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14))];
  if (province < 11 || province > 82 || year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  return CHECK[WEIGHTS.reduce((sum, w, i) => sum + w * Number(value[i]), 0) % 11] === value[17]!.toUpperCase();
}

/** The whole ID numbers and mobile numbers in a text. */
export function personalDataIn(text: string): string[] {
  return [...(text.match(ID_NUMBER) ?? []).filter(validIdNumber), ...(text.match(MOBILE) ?? [])];
}

const expected = new WeakSet<object>();

/** Marks a request whose answer may hold personal data in full (a step that needs it); returns it. */
export function expectsPersonalData<T extends Test>(test: T): T {
  expected.add(test);
  return test;
}

/** The check `api()` adds to every request: the answer holds no whole ID or mobile number. */
export function personalDataProblem(test: Test, body: unknown, text: string | undefined): string | undefined {
  if (expected.has(test)) return undefined;
  const serialized = text ?? (Buffer.isBuffer(body) ? '' : JSON.stringify(body ?? ''));
  const found = personalDataIn(serialized);
  if (!found.length) return undefined;
  const at = serialized.indexOf(found[0]!);
  return `personal data in full in the answer: ${found.map((v) => `${v.slice(0, 3)}…`).join(', ')} (near "${serialized.slice(Math.max(0, at - 60), at)}")`;
}

/** The log lines that hold personal data in full (numbered from 1). */
export function personalDataInLog(log: string): string[] {
  return log.split('\n').flatMap((line, i) => (personalDataIn(line).length ? [`line ${i + 1}: ${line.slice(0, 300)}`] : []));
}
