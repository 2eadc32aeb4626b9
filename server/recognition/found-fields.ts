import type { Localized } from '../../contract/locale.ts';
import { KIND_FIELDS, RECOGNISED_FIELDS, type DocumentKind, type RecognisedField, type RecognisedKey } from '../../contract/recognition/documents.ts';
import { confidenceOf, type OcrLine } from './ocr-lines.ts';

/** The text of a line from a position, and the confidence of those characters. */
export interface Cut {
  line: OcrLine;
  start: number;
  end: number;
}

/** The 34 provincial-level names: where an address begins, whatever the OCR made of its label. */
const PROVINCES =
  '北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾';
export const ADDRESS_START = new RegExp(`(${PROVINCES})`, 'u');

/** What is left of a value once the OCR's stray marks around it are gone (quotes, colons, bars). */
export const trimMarks = (text: string) => text.replace(/^[^\p{sc=Han}\p{L}\d]+|[^\p{sc=Han}\p{L}\d）)]+$/gu, '');

export function recognised(key: RecognisedKey, cut: Cut | Cut[], value: string | number | null, extra: Partial<RecognisedField> = {}): RecognisedField {
  const cuts = Array.isArray(cut) ? cut : [cut];
  const text = trimMarks(cuts.map((c) => c.line.text.slice(c.start, c.end)).join(''));
  const confidences = cuts.map((c) => confidenceOf(c.line, c.start, c.end));
  const confidence = Math.round(confidences.reduce((a, b) => a + b, 0) / Math.max(confidences.length, 1));
  return { key, label: RECOGNISED_FIELDS[key]['zh-CN'], text, value, confidence, status: 'recognised', ...extra };
}

export const checkFailed = (field: RecognisedField, problem: Localized): RecognisedField => ({ ...field, value: null, status: 'check_failed', problem });

/** Every field the kind yields, in its order: those not found as not_found. */
export function completeFields(kind: DocumentKind, found: RecognisedField[]): RecognisedField[] {
  const byKey = new Map(found.map((f) => [f.key, f]));
  return KIND_FIELDS[kind].map(
    (key) => byKey.get(key) ?? { key, label: RECOGNISED_FIELDS[key]['zh-CN'], text: '', value: null, confidence: 0, status: 'not_found' as const },
  );
}

/** The first line (and the match in it) a pattern finds. */
export function findLine(lines: OcrLine[], re: RegExp): { line: OcrLine; index: number; match: RegExpExecArray } | undefined {
  for (let index = 0; index < lines.length; index++) {
    const match = re.exec(lines[index]!.text);
    if (match) return { line: lines[index]!, index, match };
  }
  return undefined;
}

/** The cut of a match's group `group` (its start found by its text after the match's start). */
export function cutOfGroup(line: OcrLine, match: RegExpExecArray, group: number): Cut {
  const text = match[group] ?? '';
  const start = line.text.indexOf(text, match.index);
  return { line, start, end: start + text.length };
}

/** A date's parts as YYYY-MM-DD, or null for a day that does not exist. */
export function isoDate(year: string, month: string, day: string): string | null {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
