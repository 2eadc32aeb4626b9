/**
 * An amount of money as a licence writes it — 人民币壹佰万元整, 500万元人民币, 50.5万元, 叁仟元 — in
 * 万元 (the unit of 注册资本 and of the forms' 资金数额（万元）), or null when it is no amount.
 */
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  壹: 1,
  一: 1,
  贰: 2,
  二: 2,
  两: 2,
  叁: 3,
  三: 3,
  肆: 4,
  四: 4,
  伍: 5,
  五: 5,
  陆: 6,
  六: 6,
  柒: 7,
  七: 7,
  捌: 8,
  八: 8,
  玖: 9,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 };

/** A number in Chinese numerals (壹佰万, 三千五百), or null if a character is none of them. */
export function chineseNumeral(text: string): number | null {
  let above = 0; // the part counted in 亿
  let tenThousands = 0; // the part counted in 万
  let section = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else if (ch in SMALL_UNITS) {
      section += (digit || 1) * SMALL_UNITS[ch]!;
      digit = 0;
    } else if (ch === '万') {
      tenThousands = (section + digit || 1) * 10_000;
      section = digit = 0;
    } else if (ch === '亿') {
      above = (above + tenThousands + section + digit || 1) * 100_000_000;
      tenThousands = section = digit = 0;
    } else return null;
  }
  return above + tenThousands + section + digit;
}

export function amountInTenThousandYuan(text: string): number | null {
  const plain = text.replace(/[\s,，]/g, '');
  const arabic = /(\d+(?:\.\d+)?)(万|亿)?元/.exec(plain);
  if (arabic) {
    const n = Number(arabic[1]);
    return round(arabic[2] === '亿' ? n * 10_000 : arabic[2] === '万' ? n : n / 10_000);
  }
  const chinese = /([零〇壹一贰二两叁三肆四伍五陆六柒七捌八玖九拾十佰百仟千万亿]+)元/u.exec(plain);
  // a character read before the numerals that is not 人民币 or the label (索佰万) may be a numeral misread: no amount
  const before = chinese ? plain[chinese.index - 1] : undefined;
  if (!chinese || (before && /\p{sc=Han}/u.test(before) && !/[币本]/.test(before))) return null;
  const yuan = chineseNumeral(chinese[1]!);
  return yuan === null ? null : round(yuan / 10_000);
}

const round = (n: number) => Math.round(n * 1_000_000) / 1_000_000;
