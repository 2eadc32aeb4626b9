import { CHANNELS } from './case-status.ts';

/** The shape of POST /cases; the item's own form schema checks `form` afterwards. */
export const submissionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['itemCode', 'applicant', 'form', 'materials'],
  properties: {
    itemCode: { type: 'string', minLength: 1, maxLength: 64, title: '事项编码', 'x-title-en': 'Item code' },
    channel: { type: 'string', enum: [...CHANNELS], title: '渠道', 'x-title-en': 'Channel' },
    applicant: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'idType', 'idNo', 'phone'],
      title: '申请人',
      'x-title-en': 'Applicant',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100, title: '申请人姓名或名称', 'x-title-en': 'Applicant name' },
        idType: { type: 'string', enum: ['resident_id', 'credit_code'], title: '证件类型', 'x-title-en': 'ID type' },
        idNo: { type: 'string', minLength: 1, maxLength: 32, title: '证件号码', 'x-title-en': 'ID number' },
        phone: { type: 'string', format: 'cn-mobile', title: '联系电话', 'x-title-en': 'Phone' },
      },
      allOf: [
        {
          if: { properties: { idType: { const: 'resident_id' } } },
          then: { properties: { idNo: { type: 'string', format: 'cn-id-card', title: '身份证号码', 'x-title-en': 'Resident ID number' } } },
        },
        {
          if: { properties: { idType: { const: 'credit_code' } } },
          then: { properties: { idNo: { type: 'string', format: 'cn-credit-code', title: '统一社会信用代码', 'x-title-en': 'Unified social credit code' } } },
        },
      ],
    },
    agent: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'idNo', 'phone'],
      title: '帮办代办人',
      'x-title-en': 'Agent',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 50, title: '代办人姓名', 'x-title-en': "Agent's name" },
        idNo: { type: 'string', format: 'cn-id-card', title: '代办人身份证号码', 'x-title-en': "Agent's resident ID number" },
        phone: { type: 'string', format: 'cn-mobile', title: '代办人联系电话', 'x-title-en': "Agent's phone" },
      },
    },
    form: { type: 'object', title: '申请表', 'x-title-en': 'Application form' },
    commitments: {
      type: 'array',
      maxItems: 50,
      title: '告知承诺',
      'x-title-en': 'Commitments',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['materialCode'],
        properties: { materialCode: { type: 'string', minLength: 1, maxLength: 64, title: '承诺代替的材料', 'x-title-en': 'Material replaced by the commitment' } },
      },
    },
    materials: {
      type: 'array',
      maxItems: 100,
      title: '申请材料',
      'x-title-en': 'Materials',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'attachmentId'],
        properties: {
          code: { type: 'string', minLength: 1, maxLength: 64, title: '材料编码', 'x-title-en': 'Material code' },
          attachmentId: { type: 'string', format: 'uuid', title: '附件编号', 'x-title-en': 'Attachment id' },
        },
      },
    },
  },
} as const;

export interface Submission {
  itemCode: string;
  channel?: (typeof CHANNELS)[number];
  applicant: { name: string; idType: 'resident_id' | 'credit_code'; idNo: string; phone: string };
  agent?: { name: string; idNo: string; phone: string };
  form: Record<string, unknown>;
  materials: { code: string; attachmentId: string }[];
  /** 告知承诺: materials the applicant signs a commitment for instead of handing them in */
  commitments?: { materialCode: string }[];
}
