import type { Localized } from '../locale.ts';

/**
 * 代办人: who files a case for the applicant. 帮办代办 at the window (channel `assisted`): the clerk
 * registers the person who came, with how they stand to the applicant; 委托代理 online: the
 * signed-in person is the agent (their account's identity). Either way the case then asks for the
 * authorisation (授权委托书, contract/catalog/item.ts filedByAgent).
 */
export const AGENT_RELATIONSHIPS = ['family', 'employee', 'entrusted', 'intermediary', 'helper'] as const;
export type AgentRelationship = (typeof AGENT_RELATIONSHIPS)[number];

/** How the agent stands to the applicant, as a person reads it. */
export const AGENT_RELATIONSHIP_LABELS: Record<AgentRelationship, Localized> = {
  family: { 'zh-CN': '近亲属', en: 'Close relative' },
  employee: { 'zh-CN': '本单位工作人员', en: "Employee of the applicant's organisation" },
  entrusted: { 'zh-CN': '其他受托人', en: 'Other person entrusted' },
  intermediary: { 'zh-CN': '中介代理机构人员', en: 'Agency staff' },
  helper: { 'zh-CN': '帮办代办员', en: 'Government assistance officer' },
};

const relationship = {
  type: 'string',
  enum: [...AGENT_RELATIONSHIPS],
  'x-enum-labels': AGENT_RELATIONSHIP_LABELS,
  title: '代办人与申请人关系',
  'x-title-en': "Agent's relationship to the applicant",
  description: 'family (近亲属), employee (本单位工作人员), entrusted (其他受托人), intermediary (中介代理机构人员), helper (帮办代办员)',
} as const;

const agentProperties = {
  name: { type: 'string', format: 'person-name', minLength: 1, maxLength: 50, title: '代办人姓名', 'x-title-en': "Agent's name" },
  idNo: { type: 'string', format: 'cn-id-card', title: '代办人身份证号码', 'x-title-en': "Agent's resident ID number" },
  phone: { type: 'string', format: 'cn-mobile', title: '代办人手机号码', 'x-title-en': "Agent's mobile phone" },
  relationship,
} as const;

/** `agent` of POST /cases: the relationship is asked at the window (below); online it may be given. */
export const agentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'idNo', 'phone'],
  title: '帮办代办人',
  'x-title-en': 'Agent',
  properties: agentProperties,
} as const;

/**
 * 帮办代办: the agent a window clerk registers on an assisted case — every field, the relationship
 * too (the 帮办代办 ledger records it). The window's page checks the agent with it before it sends;
 * POST /cases asks the same of an assisted submission (its schema: agentSchema, and on the assisted
 * channel assistedAgentRequirement).
 */
export const assistedAgentSchema = {
  ...agentSchema,
  allOf: [
    {
      type: 'object',
      title: agentSchema.title,
      'x-title-en': agentSchema['x-title-en'],
      required: ['relationship'],
      properties: { relationship: { title: relationship.title, 'x-title-en': relationship['x-title-en'] } },
    },
  ],
} as const;

/**
 * What POST /cases adds to its `agent` on the assisted channel (server/cases/submission-schema.ts):
 * the relationship asked, as assistedAgentSchema asks it (the same problems, in the same order).
 */
export const assistedAgentRequirement = assistedAgentSchema.allOf[0];

export interface CaseAgentBody {
  name: string;
  idNo: string;
  phone: string;
  relationship?: AgentRelationship;
}

/** The relationship with its label in a language, as the API answers it (null: not registered). */
export const relationshipOf = (value: string | null | undefined, locale: keyof Localized) =>
  value && value in AGENT_RELATIONSHIP_LABELS
    ? { relationship: value as AgentRelationship, relationshipLabel: AGENT_RELATIONSHIP_LABELS[value as AgentRelationship][locale] }
    : { relationship: null, relationshipLabel: null };
