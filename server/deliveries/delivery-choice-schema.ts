import type { DeliveryMethod } from './delivery.model.ts';

export const DELIVERY_METHODS: readonly DeliveryMethod[] = ['logistics', 'pickup', 'electronic'];

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
