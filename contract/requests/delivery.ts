import { fieldProblem, type FieldProblem } from '../problems.ts';

/**
 * 送达方式: the body of PUT /cases/{caseNo}/delivery and the `delivery` of POST /cases, checked by
 * the server (server/deliveries/delivery-choice.ts) and by the applicant's page before it sends.
 */
export const DELIVERY_METHODS = ['logistics', 'pickup', 'electronic'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export interface DeliveryRecipient {
  name: string;
  phone: string;
  address: string;
}

export interface DeliveryChoice {
  method: DeliveryMethod;
  recipient?: DeliveryRecipient;
}

/** 送达方式: logistics needs a recipient the carrier can reach; pickup and electronic need none. */
export const deliveryChoiceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['method'],
  title: '送达方式',
  'x-title-en': 'Delivery',
  properties: {
    method: {
      type: 'string',
      enum: [...DELIVERY_METHODS],
      title: '送达方式',
      'x-title-en': 'Delivery method',
      description: 'logistics (物流寄送), pickup (窗口领取) or electronic (电子送达)',
    },
    recipient: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'phone', 'address'],
      title: '收件人',
      'x-title-en': 'Recipient',
      properties: {
        name: { type: 'string', format: 'person-name', minLength: 1, maxLength: 30, title: '收件人姓名', 'x-title-en': "Recipient's name" },
        phone: { type: 'string', format: 'cn-mobile', title: '收件人手机号码', 'x-title-en': "Recipient's mobile phone" },
        address: { type: 'string', minLength: 8, maxLength: 120, title: '收件地址', 'x-title-en': 'Address' },
      },
    },
  },
} as const;

const NAME_WITHOUT_DIGITS = /^[^\p{Cc}\d]+$/u;
/** names the province (or autonomous region, SAR) or city, as the carrier requires */
const NAMES_REGION = /(省|自治区|特别行政区|市)/;

/**
 * What the schema cannot say, checked as the carrier will (so that a bad address is refused to the
 * applicant at once, not later to a worker): a recipient exactly when the method is logistics, a
 * name without digits, an address naming its province or city. For a choice the schema passed.
 */
export function deliveryChoiceRules(choice: DeliveryChoice): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (choice.method === 'logistics' && !choice.recipient) {
    problems.push(
      fieldProblem(
        'recipient',
        '收件人：物流寄送须填写收件人姓名、手机号码和地址',
        "recipient: logistics needs the recipient's name, mobile phone and address",
      ),
    );
  }
  if (choice.method !== 'logistics' && choice.recipient) {
    problems.push(fieldProblem('recipient', '收件人：只有物流寄送需要收件人', 'recipient: only logistics takes a recipient'));
  }
  const recipient = choice.recipient;
  if (recipient && !NAME_WITHOUT_DIGITS.test(recipient.name.trim())) {
    problems.push(
      fieldProblem('recipient.name', '收件人姓名：应为姓名或单位名称，不能包含数字', "recipient's name: must be a person or office name, without digits"),
    );
  }
  if (recipient && !NAMES_REGION.test(recipient.address)) {
    problems.push(
      fieldProblem(
        'recipient.address',
        '收件地址：应为中文地址，写明省（自治区、直辖市）、市、区县和详细地址',
        'address: must be a Chinese address naming the province or city, district and street',
      ),
    );
  }
  return problems;
}

/**
 * 窗口领取: the body of POST /cases/{caseNo}/delivery/handover — the pickup code the person at the
 * window says, and the ID number the clerk checked in person (the applicant's, a company's credit
 * code, or the registered agent's). The clerk's page checks it before it sends.
 */
export const pickupHandoverSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['pickupCode', 'idNo'],
  properties: {
    pickupCode: { type: 'string', minLength: 1, maxLength: 16, title: '取件码', 'x-title-en': 'Pickup code' },
    idNo: {
      type: 'string',
      minLength: 1,
      maxLength: 32,
      title: '领取人证件号码',
      'x-title-en': "Collector's ID number",
      description: "the ID the clerk checked in person: the applicant's (a company's: its credit code) or the agent's registered on the case",
    },
  },
} as const;

export interface PickupHandover {
  pickupCode: string;
  idNo: string;
}
