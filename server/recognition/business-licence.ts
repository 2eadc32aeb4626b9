import { creditCodeCheckCharacter, isValidCreditCode } from '../../contract/validation/id-numbers.ts';
import type { RecognisedField } from '../../contract/recognition/documents.ts';
import type { OcrLine } from './ocr-lines.ts';
import { amountInTenThousandYuan } from './chinese-amounts.ts';
import { ADDRESS_START, checkFailed, completeFields, cutOfGroup, findLine, isoDate, recognised } from './found-fields.ts';

const MARKS = '[^\\p{sc=Han}\\dA-Z]*';
const COMPANY_TYPES = '有限责任公司|股份有限公司|个体工商户|个人独资企业|合伙企业|农民专业合作社|非公司企业法人|分公司';
const ENDS_LIKE_A_NAME = /(公司|厂|店|中心|合作社|事务所|工作室|商行|经营部|门市部|馆|园|社)$/u;

/**
 * 营业执照 (a company's or a 个体工商户's): 统一社会信用代码 (GB 32100, offered only with a right
 * check character), 名称, 类型, 法定代表人 / 经营者 / 负责人, 注册资本 (in 万元), 成立日期 /
 * 注册日期, 住所 / 经营场所. A label the OCR lost is made up for by what the value looks like (a
 * name ending in 公司, an amount in 元, an address beginning with a province).
 */
export function parseBusinessLicence(lines: OcrLine[]): RecognisedField[] {
  const found: RecognisedField[] = [];
  const code = creditCodeOf(lines);
  if (code) found.push(code);

  const typeLine = findLine(lines, new RegExp(`类型${MARKS}(.+)`, 'u')) ?? findLine(lines, new RegExp(`^${MARKS}((?:${COMPANY_TYPES}).*)`, 'u'));
  if (typeLine) found.push(recognised('companyType', cutOfGroup(typeLine.line, typeLine.match, 1), typeLine.match[1]!));

  const asType = new RegExp(`^${MARKS}(${COMPANY_TYPES})`, 'u');
  const name =
    findLine(lines, new RegExp(`(?:名称|字号)${MARKS}(.+)`, 'u')) ??
    findLine(
      lines.map((l) => (l === typeLine?.line || asType.test(l.text) || !ENDS_LIKE_A_NAME.test(l.text) ? { ...l, text: '' } : l)),
      new RegExp(`^${MARKS}(\\p{sc=Han}.{3,})$`, 'u'),
    );
  if (name) found.push(recognised('companyName', cutOfGroup(name.line, name.match, 1), null));

  // a label the OCR half lost (人人李建国): the name after its last 人 or 者, on a short line
  const person =
    findLine(lines, new RegExp(`(?:法定代表人|经营者|负责人|执行事务合伙人|投资人)${MARKS}([\\p{sc=Han}·]{2,10})`, 'u')) ??
    findLine(
      lines.filter((l) => l.text.length <= 10),
      /^.*[人者][^\p{sc=Han}]*([\p{sc=Han}·]{2,4})$/u,
    );
  if (person) found.push(recognised('legalRepresentative', cutOfGroup(person.line, person.match, 1), person.match[1]!));

  const capital =
    findLine(lines, new RegExp(`(?:注册资本|资金数额|出资额)${MARKS}(.+)`, 'u')) ?? findLine(lines, /((?:人民币)?[\d.零〇壹贰叁肆伍陆柒捌玖拾佰仟万亿]+元.*)/u);
  if (capital) {
    const value = amountInTenThousandYuan(capital.match[1]!);
    if (value !== null) found.push(recognised('registeredCapital', cutOfGroup(capital.line, capital.match, 1), value));
  }

  const dateRe = '((?:19|20)\\d{2})\\D{1,3}(\\d{1,2})\\D{1,3}(\\d{1,2})日?';
  // unlabelled: a date on a line that is no period (营业期限 …至…)
  const established =
    findLine(lines, new RegExp(`(?:成立日期|注册日期)\\D*(${dateRe})`, 'u')) ??
    findLine(
      lines.filter((l) => !/(至|期限|长期)/.test(l.text)),
      new RegExp(`(${dateRe})`, 'u'),
    );
  if (established) {
    const value = isoDate(established.match[2]!, established.match[3]!, established.match[4]!);
    if (value) found.push(recognised('establishedDate', cutOfGroup(established.line, established.match, 1), value));
  }

  const premises =
    findLine(lines, new RegExp(`(?:住所|经营场所|营业场所)${MARKS}(.+)`, 'u')) ?? findLine(lines, new RegExp(`(${ADDRESS_START.source}.*)`, 'u'));
  if (premises) found.push(recognised('premises', cutOfGroup(premises.line, premises.match, 1), null));

  return completeFields(
    'business_licence',
    found.map((f) => (f.value === null && f.status === 'recognised' ? { ...f, value: f.text || null } : f)),
  );
}

/**
 * OCR's look-alikes in a credit code: the letters GB 32100 leaves out (I, O, S, V, Z) and lower-case
 * letters (a code has none) read as the digits they resemble.
 */
const LOOK_ALIKES: Record<string, string> = { O: '0', o: '0', I: '1', i: '1', l: '1', Z: '2', z: '2', S: '5', s: '5', b: '6', g: '9', q: '9' };
const asCodeCharacters = (text: string) => text.replace(/[OoIilZzSsbgq]/g, (c) => LOOK_ALIKES[c]!).toUpperCase();

function creditCodeOf(lines: OcrLine[]): RecognisedField | undefined {
  const labelled = findLine(lines, /信用代码|代码/u);
  const candidates = labelled ? [labelled.line, ...lines.filter((l) => l !== labelled.line)] : lines;
  for (const line of candidates) {
    const cleaned = asCodeCharacters(line.text);
    const match = /[0-9A-Z]{18}/.exec(cleaned);
    if (!match) continue;
    const code = match[0];
    const field = { ...recognised('creditCode', { line, start: match.index, end: match.index + 18 }, code), text: code };
    if (isValidCreditCode(code)) return field;
    if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
      return checkFailed(field, {
        'zh-CN': '不是统一社会信用代码的格式（第 3–8 位应为行政区划数字，不含 I、O、S、V、Z），请核对',
        en: 'Not in the form of a unified social credit code (characters 3–8 are a region’s digits; no I, O, S, V or Z): please check it',
      });
    }
    const expected = creditCodeCheckCharacter(code.slice(0, 17));
    return checkFailed(field, {
      'zh-CN': `校验码不符（GB 32100）：按前 17 位应为 ${expected}，图片上识别为 ${code[17]}，请核对代码`,
      en: `The check character is wrong (GB 32100): the first 17 characters call for ${expected}, the image reads ${code[17]}; please check the code`,
    });
  }
  return undefined;
}
