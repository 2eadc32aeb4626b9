import { shaped } from '../validation/pattern-hint.ts';

/**
 * 办件查询 without signing in: the body of POST /public/case-status, checked by the server
 * (server/cases/public-lookup.ts) and by the page (/track) before it sends: the case number and the
 * applicant's phone as a person types them (spaces and dashes in a number; spaces, dashes, brackets
 * and +86 in a phone), which the server drops before it compares.
 */
const LOOKUP_CASE_NO_PATTERN = '^[0-9A-Za-z -]+$';
const LOOKUP_PHONE_PATTERN = '^[0-9 +()-]+$';

export const publicLookupSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['caseNo', 'phone'],
  properties: {
    caseNo: {
      type: 'string',
      minLength: 1,
      maxLength: 40,
      ...shaped(LOOKUP_CASE_NO_PATTERN, '只能包含数字、字母、空格和短横线', 'may hold only digits, letters, spaces and dashes'),
      title: '办件编号',
      'x-title-en': 'Case number',
    },
    phone: {
      type: 'string',
      minLength: 1,
      maxLength: 24,
      ...shaped(LOOKUP_PHONE_PATTERN, '只能包含数字、空格、短横线、括号和 +86', 'may hold only digits, spaces, dashes, brackets and +86'),
      title: '手机号',
      'x-title-en': 'Phone number',
    },
  },
} as const;

export interface PublicLookup {
  caseNo: string;
  phone: string;
}
