import type { Localized } from '../locale.ts';

/**
 * 智能识别填单: the documents the platform reads from a photo or a scan (server/recognition, by
 * Debian's tesseract-ocr), the fields each yields, and the answer of POST /recognition. A new kind
 * is a key here, its parser in server/recognition/ and, where its fields fill forms of their own
 * sort, its rules in form-matching.ts (docs/recognition.md).
 */
export const DOCUMENT_KINDS = {
  id_card: { 'zh-CN': '居民身份证', en: 'Resident identity card' },
  business_licence: { 'zh-CN': '营业执照', en: 'Business licence' },
  form: { 'zh-CN': '填好的表格', en: 'A filled-in form' },
} as const satisfies Record<string, Localized>;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const isDocumentKind = (value: unknown): value is DocumentKind => typeof value === 'string' && Object.hasOwn(DOCUMENT_KINDS, value);

/** What an identity card or a licence states, each field once. */
export const RECOGNISED_FIELDS = {
  name: { 'zh-CN': '姓名', en: 'Name' },
  sex: { 'zh-CN': '性别', en: 'Sex' },
  ethnicity: { 'zh-CN': '民族', en: 'Ethnicity' },
  birthDate: { 'zh-CN': '出生日期', en: 'Date of birth' },
  address: { 'zh-CN': '住址', en: 'Address' },
  idNumber: { 'zh-CN': '公民身份号码', en: 'Citizen ID number' },
  companyName: { 'zh-CN': '名称', en: 'Name of the business' },
  creditCode: { 'zh-CN': '统一社会信用代码', en: 'Unified social credit code' },
  companyType: { 'zh-CN': '类型', en: 'Type' },
  legalRepresentative: { 'zh-CN': '法定代表人（经营者）', en: 'Legal representative (operator)' },
  registeredCapital: { 'zh-CN': '注册资本', en: 'Registered capital' },
  establishedDate: { 'zh-CN': '成立日期', en: 'Date established' },
  premises: { 'zh-CN': '住所（经营场所）', en: 'Domicile (premises)' },
  /** a line of a filled-in form: its printed label and what is written beside it */
  line: { 'zh-CN': '表格栏目', en: 'Form entry' },
} as const satisfies Record<string, Localized>;
export type RecognisedKey = keyof typeof RECOGNISED_FIELDS;

/** The fields each kind yields, in the order the document prints them. */
export const KIND_FIELDS: Record<DocumentKind, readonly RecognisedKey[]> = {
  id_card: ['name', 'sex', 'ethnicity', 'birthDate', 'address', 'idNumber'],
  business_licence: ['creditCode', 'companyName', 'companyType', 'legalRepresentative', 'registeredCapital', 'establishedDate', 'premises'],
  form: [],
};

/**
 * One recognised field. `text` is what was read (cleaned of the OCR's stray marks); `value` what a
 * form takes (a date as YYYY-MM-DD, a capital in 万元, a sex as male/female), null where the text
 * says nothing usable. `status`: recognised; check_failed (an ID number or credit code whose check
 * character is wrong, or a birth date that cannot be: offered as not recognised, `problem` says why);
 * not_found (nothing of it on the image). `confidence` 0–100 is tesseract's for the line it was on.
 */
export interface RecognisedField {
  key: RecognisedKey;
  /** for a form's line: its printed label as read; otherwise the field's name (RECOGNISED_FIELDS) */
  label: string;
  text: string;
  value: string | number | null;
  confidence: number;
  status: 'recognised' | 'check_failed' | 'not_found';
  problem?: Localized;
  /** where the value came from when not from its own line (the birth date and sex of a valid ID number) */
  note?: Localized;
}

/** The answer of POST /recognition. Nothing of the image is kept. */
export interface Recognition {
  kind: DocumentKind;
  fields: RecognisedField[];
  /** degrees the image was turned (clockwise) before reading, found by tesseract's orientation detection */
  turnedDegrees: 0 | 90 | 180 | 270;
  /** milliseconds the server spent on it */
  tookMs: number;
}
