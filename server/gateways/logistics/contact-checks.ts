import { isValidMobile } from '../../../contract/validation/id-numbers.ts';
import { invalidInput } from '../sandbox/sandbox-error.ts';
import { object, text, type Body } from '../sandbox/input-checks.ts';
import type { Contact } from './carrier.ts';

const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const HAS_HAN = /\p{Script=Han}/u;
/** a province-level or city-level name: 省, 自治区, 特别行政区, or a city (直辖市 included) */
const NAMES_REGION = /(省|自治区|特别行政区|市)/;

/**
 * A sender or recipient as a carrier accepts them: a name, a phone the courier can call (the
 * recipient's a mobile, which also gets the pickup SMS; the sender, a government office, may give
 * a landline with its area code) and a Chinese address that names at least the province or city.
 */
export function contact(body: Body, field: 'sender' | 'recipient'): Contact {
  object(body, field);
  const name = text(body, `${field}.name`, {
    max: 30,
    pattern: /^[^\p{Cc}\d]+$/u,
    patternHint: { zh: '应为姓名或单位名称，不能包含数字', en: 'must be a person or office name, without digits' },
  });
  const phone = text(body, `${field}.phone`, { max: 20 }).replace(/\s+/g, '');
  const phoneOk = isValidMobile(phone) || (field === 'sender' && LANDLINE.test(phone));
  if (!phoneOk) {
    throw field === 'recipient'
      ? invalidInput(
          `${field}.phone`,
          '不是有效的手机号码（应为 11 位，以 13 至 19 开头）',
          'is not a valid mainland mobile number (11 digits starting 13 to 19)',
        )
      : invalidInput(`${field}.phone`, '不是有效的手机号码或带区号的固定电话', 'is neither a mainland mobile number nor a landline with area code');
  }
  const address = text(body, `${field}.address`, { min: 8, max: 120 });
  if (!HAS_HAN.test(address) || !NAMES_REGION.test(address)) {
    throw invalidInput(
      `${field}.address`,
      '应为中文地址，写明省（自治区、直辖市）、市、区县和详细地址',
      'must be a Chinese address naming the province or city, district and street',
    );
  }
  return { name, phone, address };
}
