import { isValidResidentIdNumber, residentIdCheckCharacter } from '../../contract/validation/id-numbers.ts';
import type { RecognisedField } from '../../contract/recognition/documents.ts';
import type { OcrLine } from './ocr-lines.ts';
import { ADDRESS_START, checkFailed, completeFields, cutOfGroup, findLine, isoDate, recognised, type Cut } from './found-fields.ts';

const NOT_HAN = '[^\\p{sc=Han}]*';
const FROM_ID_NUMBER = { 'zh-CN': '由公民身份号码得出', en: 'Taken from the citizen ID number' };

/**
 * 居民身份证 (GB 11643 number), front side: 姓名, 性别, 民族, 出生, 住址 (over one to three lines),
 * 公民身份号码. The number is offered only when its check character is right and its birth date
 * exists; then the birth date and sex it encodes stand where the OCR read none or another.
 */
export function parseIdCard(lines: OcrLine[]): RecognisedField[] {
  const found: RecognisedField[] = [];
  const name = findLine(lines, new RegExp(`姓名${NOT_HAN}([\\p{sc=Han}·]{2,12})`, 'u'));
  if (name) found.push(recognised('name', cutOfGroup(name.line, name.match, 1), name.match[1]!));
  const sex = findLine(lines, new RegExp(`性别${NOT_HAN}([男女])`, 'u'));
  if (sex) found.push(recognised('sex', cutOfGroup(sex.line, sex.match, 1), sex.match[1] === '男' ? 'male' : 'female'));
  const ethnicity = findLine(lines, new RegExp(`民族${NOT_HAN}(\\p{sc=Han}{1,8})`, 'u'));
  if (ethnicity) found.push(recognised('ethnicity', cutOfGroup(ethnicity.line, ethnicity.match, 1), ethnicity.match[1]!.replace(/族$/, '')));
  const birth = findLine(lines, /出生\D*(\d{4})\D{1,3}(\d{1,2})\D{1,4}(\d{1,2})/u);
  if (birth) {
    const value = isoDate(birth.match[1]!, birth.match[2]!, birth.match[3]!);
    if (value)
      found.push(
        recognised(
          'birthDate',
          { line: birth.line, start: birth.line.text.indexOf(birth.match[1]!, birth.match.index), end: birth.match.index + birth.match[0].length },
          value,
        ),
      );
  }
  const address = addressOf(lines);
  if (address) {
    const field = recognised('address', address, null);
    found.push({ ...field, value: field.text || null });
  }

  const id = idNumberOf(lines);
  if (id) found.push(id);
  if (id?.status === 'recognised') {
    const number = String(id.value);
    const fromId = {
      birthDate: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
      sex: Number(number[16]) % 2 === 1 ? 'male' : 'female',
    };
    for (const key of ['birthDate', 'sex'] as const) {
      const own = found.find((f) => f.key === key);
      if (own?.value === fromId[key]) continue;
      const derived: RecognisedField = { ...id, key, label: key === 'sex' ? '性别' : '出生日期', value: fromId[key], note: FROM_ID_NUMBER };
      derived.text = key === 'sex' ? (fromId.sex === 'male' ? '男' : '女') : fromId.birthDate;
      if (own) found.splice(found.indexOf(own), 1, derived);
      else found.push(derived);
    }
  }
  return completeFields('id_card', found);
}

/** 住址: from its label (or the province it starts with) to the line of the number, at most three lines. */
function addressOf(lines: OcrLine[]): Cut[] | undefined {
  const start = findLine(lines, /住址/u) ?? findLine(lines, ADDRESS_START);
  if (!start) return undefined;
  const from = start.match[0] === '住址' ? start.match.index + 2 : start.match.index;
  const first = start.line.text.slice(from);
  const province = ADDRESS_START.exec(first);
  const cuts: Cut[] = [{ line: start.line, start: from + (province && province.index < 4 ? province.index : 0), end: start.line.text.length }];
  for (const line of lines.slice(start.index + 1, start.index + 3)) {
    if (/(身份号码|\d{15,})/.test(line.text)) break;
    cuts.push({ line, start: 0, end: line.text.length });
  }
  return cuts;
}

/** OCR's look-alikes of digits and X in a number. */
const asIdCharacters = (text: string) => text.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1').replace(/[x×]/g, 'X');

function idNumberOf(lines: OcrLine[]): RecognisedField | undefined {
  const labelled = findLine(lines, /身份号码|身份证号/u);
  const candidates = labelled ? [labelled.line, ...lines.filter((l) => l !== labelled.line)] : lines;
  for (const line of candidates) {
    const cleaned = asIdCharacters(line.text);
    const match = /\d[\dX]{14,19}/.exec(cleaned.slice(line === labelled?.line ? labelled.match.index : 0));
    if (!match) continue;
    const start = cleaned.indexOf(match[0], line === labelled?.line ? labelled.match.index : 0);
    const number = match[0];
    const field = { ...recognised('idNumber', { line, start, end: start + number.length }, number), text: number };
    if (number.length !== 18) {
      return checkFailed(field, {
        'zh-CN': `识别到 ${number.length} 位，公民身份号码应为 18 位，请核对`,
        en: `${number.length} characters read; a citizen ID number has 18: please check it`,
      });
    }
    if (isValidResidentIdNumber(number)) return field;
    const expected = residentIdCheckCharacter(number.slice(0, 17));
    if (/^\d{17}$/.test(number.slice(0, 17)) && expected !== number[17]) {
      return checkFailed(field, {
        'zh-CN': `校验码不符（GB 11643）：按前 17 位应为 ${expected}，图片上识别为 ${number[17]}，请核对号码`,
        en: `The check character is wrong (GB 11643): the first 17 digits call for ${expected}, the image reads ${number[17]}; please check the number`,
      });
    }
    return checkFailed(field, {
      'zh-CN': '号码中的出生日期不存在，请核对号码',
      en: 'The birth date inside the number does not exist; please check the number',
    });
  }
  return undefined;
}
