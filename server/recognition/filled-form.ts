import type { RecognisedField } from '../../contract/recognition/documents.ts';
import { isValidCreditCode, isValidResidentIdNumber } from '../../contract/validation/id-numbers.ts';
import type { OcrLine } from './ocr-lines.ts';
import { checkFailed, cutOfGroup, recognised, trimMarks } from './found-fields.ts';

/**
 * A filled-in form (a paper 申请表): every line written as 栏目：内容 (a printed label, a colon, what
 * was filled in) is one entry; the form's fields take the entries whose label is their title
 * (contract/recognition/form-matching.ts). An entry that reads as an ID number or a credit code
 * is checked like one on a card.
 */
export function parseFilledForm(lines: OcrLine[]): RecognisedField[] {
  const entries: RecognisedField[] = [];
  for (const line of lines) {
    const match = /^[^\p{sc=Han}]*([\p{sc=Han}（）()]{2,20})[:：;；](.+)$/u.exec(line.text);
    if (!match || !trimMarks(match[2]!)) continue;
    const entry = { ...recognised('line', cutOfGroup(line, match, 2), null), label: match[1]! };
    const value = entry.text;
    const field = { ...entry, value };
    if (/身份证|身份号码/.test(field.label) && !isValidResidentIdNumber(value.toUpperCase())) {
      entries.push(
        checkFailed(field, {
          'zh-CN': '不是有效的公民身份号码（GB 11643 校验不符），请核对',
          en: 'Not a valid citizen ID number (its GB 11643 check fails): please check it',
        }),
      );
    } else if (/信用代码/.test(field.label) && !isValidCreditCode(value.toUpperCase())) {
      entries.push(
        checkFailed(field, {
          'zh-CN': '不是有效的统一社会信用代码（GB 32100 校验不符），请核对',
          en: 'Not a valid unified social credit code (its GB 32100 check fails): please check it',
        }),
      );
    } else entries.push(field);
  }
  return entries;
}
