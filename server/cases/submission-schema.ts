import { CHANNELS } from '../../contract/channels.ts';
import { REGION_CODE_PATTERN } from '../../contract/regions.ts';
import { deliveryChoiceSchema } from '../../contract/requests/delivery.ts';
import { prioritySchema, type PriorityReason } from '../../contract/priority.ts';
import { agentSchema, assistedAgentRequirement, type CaseAgentBody } from '../../contract/requests/case-agent.ts';
import type { DeliveryChoice } from './case.model.ts';

const materialCodeList = (title: string, titleEn: string) => ({
  type: 'array',
  maxItems: 50,
  title,
  'x-title-en': titleEn,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['materialCode'],
    properties: { materialCode: { type: 'string', minLength: 1, maxLength: 64, title: '材料编码', 'x-title-en': 'Material code' } },
  },
});

const materialList = {
  type: 'array',
  maxItems: 100,
  title: '申请材料',
  'x-title-en': 'Materials',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['code'],
    description: 'a file (attachmentId) or, where the catalog allows, an e-license of the applicant (eLicenseNumber)',
    properties: {
      code: { type: 'string', minLength: 1, maxLength: 64, title: '材料编码', 'x-title-en': 'Material code' },
      attachmentId: { type: 'string', format: 'uuid', title: '附件编号', 'x-title-en': 'Attachment id' },
      eLicenseNumber: { type: 'string', minLength: 1, maxLength: 64, title: '电子证照编号', 'x-title-en': 'E-license number' },
    },
  },
} as const;

/** What an applicant hands in, at submission and again at a 补正 resubmission. */
const applicationParts = {
  form: { type: 'object', title: '申请表', 'x-title-en': 'Application form' },
  /** 告知承诺: a signed commitment stands in for the material for good */
  commitments: materialCodeList('告知承诺', 'Commitments'),
  /** 容缺受理: tolerated materials handed in later, within the working days the platform sets */
  deferrals: materialCodeList('容缺材料', 'Deferred materials'),
  materials: materialList,
} as const;

/** The shape of a 补正 resubmission: the whole application again, checked again. */
export const resubmissionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['form', 'materials'],
  properties: applicationParts,
} as const;

/** Materials handed in after a 容缺受理. */
export const supplySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['materials'],
  properties: { materials: { ...materialList, minItems: 1 } },
} as const;

/**
 * The shape of POST /cases: an item (itemCode) or a bundle (bundleCode with the answers to its
 * questionnaire); the item's form schema, or the bundle's merged one, checks `form` afterwards.
 */
export const submissionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['applicant', 'form', 'materials'],
  properties: {
    itemCode: { type: 'string', minLength: 1, maxLength: 64, title: '事项编码', 'x-title-en': 'Item code' },
    bundleCode: { type: 'string', minLength: 1, maxLength: 64, title: '一件事编码', 'x-title-en': 'Bundle code' },
    answers: { type: 'object', title: '情形问答', 'x-title-en': 'Scenario answers' },
    channel: { type: 'string', enum: [...CHANNELS], title: '渠道', 'x-title-en': 'Channel' },
    regionCode: { type: 'string', pattern: REGION_CODE_PATTERN, title: '办理地', 'x-title-en': 'Region applied in' },
    applicant: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'idType', 'idNo', 'phone'],
      title: '申请人',
      'x-title-en': 'Applicant',
      properties: {
        name: { type: 'string', format: 'person-name', minLength: 1, maxLength: 100, title: '申请人姓名或名称', 'x-title-en': 'Applicant name' },
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
    /** 帮办代办 (channel assisted: the relationship asked too, below) or 委托代理 online */
    agent: agentSchema,
    /** 送达方式, chosen now or later (PUT /cases/{caseNo}/delivery); electronic when never chosen */
    delivery: deliveryChoiceSchema,
    /** 绿色通道: a window clerk puts the case first, for a reason of the fixed list */
    priority: prioritySchema,
    ...applicationParts,
  },
  // 帮办代办: the window registers the agent with how they stand to the applicant (the window's page checks the same schema)
  allOf: [
    {
      if: { required: ['channel'], properties: { channel: { const: 'assisted' } } },
      then: { properties: { agent: assistedAgentRequirement } },
    },
  ],
} as const;

/** A material handed in: a file, or an e-license of the applicant in its place (电子证照免提交). */
export type GivenMaterial =
  { code: string; attachmentId: string; eLicenseNumber?: undefined } | { code: string; eLicenseNumber: string; attachmentId?: undefined };

export interface ApplicationParts {
  form: Record<string, unknown>;
  materials: GivenMaterial[];
  /** 告知承诺: materials the applicant signs a commitment for instead of handing them in */
  commitments?: { materialCode: string }[];
  /** 容缺受理: tolerated materials the applicant will hand in later */
  deferrals?: { materialCode: string }[];
  /** 免申即享: materials the registries stand in for (never sent by a client: server/proactive sets them) */
  shared?: { materialCode: string; source: string }[];
}

export interface Submission extends ApplicationParts {
  itemCode?: string;
  bundleCode?: string;
  answers?: Record<string, unknown>;
  channel?: (typeof CHANNELS)[number];
  /** 四级: the region applied in (default: the window's own, or the platform's) */
  regionCode?: string;
  applicant: { name: string; idType: 'resident_id' | 'credit_code'; idNo: string; phone: string };
  agent?: CaseAgentBody;
  delivery?: DeliveryChoice;
  priority?: { reason: PriorityReason };
}
