import acceptance from '../../contract/bpmn/templates/acceptance.json' with { type: 'json' };
import notify from '../../contract/bpmn/templates/notify.json' with { type: 'json' };
import jointDecision from '../../contract/bpmn/templates/joint-decision.json' with { type: 'json' };
import assignReviewers from '../../contract/bpmn/templates/assign-reviewers.json' with { type: 'json' };
import tally from '../../contract/bpmn/templates/tally.json' with { type: 'json' };
import payment from '../../contract/bpmn/templates/payment.json' with { type: 'json' };
import paymentExpiry from '../../contract/bpmn/templates/payment-expiry.json' with { type: 'json' };
import seal from '../../contract/bpmn/templates/seal.json' with { type: 'json' };
import delivery from '../../contract/bpmn/templates/delivery.json' with { type: 'json' };
import instantApproval from '../../contract/bpmn/templates/instant-approval.json' with { type: 'json' };
import payout from '../../contract/bpmn/templates/payout.json' with { type: 'json' };
import { OUTCOMES, outcomeVariable, PROCESS_KEYS, REVIEW_RULES, VARIABLES } from '../../contract/topics.ts';
import { REVIEW_GROUP_PROPERTY, REVIEW_RULE_PROPERTY, REVIEW_STEP_TEMPLATE } from '../../contract/bpmn/review-step.ts';
import { DEPARTMENTS } from '../organization/index.ts';

/**
 * Camunda 7 element templates for the modeler: the machine steps (one JSON file per topic in
 * contract/bpmn/templates, the topic a hidden binding) and the user tasks, generated from the
 * departments so a new department brings its templates along.
 */
export const TEMPLATE_SCHEMA = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';

export interface ElementTemplate {
  $schema: string;
  name: string;
  id: string;
  version: number;
  description?: string;
  appliesTo: string[];
  properties: Record<string, unknown>[];
}

/** The machine step templates, one per external-task topic. */
export const TOPIC_TEMPLATES: ElementTemplate[] = [
  acceptance,
  notify,
  jointDecision,
  assignReviewers,
  tally,
  payment,
  paymentExpiry,
  seal,
  delivery,
  instantApproval,
  payout,
];

const ROLE_STEPS = [
  { role: 'reviewer', step: '审核', en: 'review' },
  { role: 'leader', step: '签发', en: 'decision' },
] as const;

function userTaskTemplate(id: string, name: string, description: string, candidateGroups: string): ElementTemplate {
  return {
    $schema: TEMPLATE_SCHEMA,
    name,
    id: `gov.approval.user-task.${id}`,
    version: 1,
    description,
    appliesTo: ['bpmn:UserTask'],
    properties: [
      { label: '名称', type: 'String', value: name, binding: { type: 'property', name: 'name' }, constraints: { notEmpty: true } },
      { type: 'Hidden', value: candidateGroups, binding: { type: 'property', name: 'camunda:candidateGroups' } },
    ],
  };
}

/** User tasks offered to a department role, the case's own department, or the centre's window. */
export function userTaskTemplates(): ElementTemplate[] {
  const caseDepartment = ROLE_STEPS.map(({ role, step }) =>
    userTaskTemplate(
      `case-department.${role}`,
      `承办部门${step}`,
      `由办件的承办部门（流程变量 ${VARIABLES.departmentCode}）的${role === 'reviewer' ? '审核员' : '负责人'}办理`,
      `\${${VARIABLES.departmentCode}}:${role}`,
    ),
  );
  const window = userTaskTemplate('center.clerk', '窗口人工受理', '由政务服务中心窗口人员办理', 'center:clerk');
  const departments = DEPARTMENTS.flatMap((d) =>
    ROLE_STEPS.map(({ role, step }) =>
      userTaskTemplate(
        `${d.code}.${role}`,
        `${d.nameZh}${step}`,
        `由${d.nameZh}的${role === 'reviewer' ? '审核员' : '负责人'}办理（${d.code}:${role}）`,
        `${d.code}:${role}`,
      ),
    ),
  );
  return [...caseDepartment, window, ...departments];
}

/** The choices of a review rule, in the order of REVIEW_RULES (the assign-reviewers and tally templates offer the same). */
const RULE_CHOICES: Record<(typeof REVIEW_RULES)[number], string> = {
  countersign: '会签（全体同意，一人不同意即结束）',
  any: '或签（一人同意即可）',
  sequential: '依次审批（按顺序逐人审批，一人不同意即结束）',
};

/**
 * 多人审批: a user task reviewed by several people under a rule (会签 / 或签 / 依次) and a group.
 * The analyst chooses both here and types nothing else: the modeler (modeler/src/modeling/reviewStep)
 * writes the assign-reviewers task before it, the multi-instance loop, the assignee and the
 * outcome variable, and the tally task after it, and rewrites them when the rule or group changes
 * (contract/bpmn/review-step.ts).
 */
export function reviewStepTemplates(): ElementTemplate[] {
  const groups = [
    ...ROLE_STEPS.map(({ role }) => ({ name: `承办部门${role === 'reviewer' ? '审核员' : '负责人'}`, value: `\${${VARIABLES.departmentCode}}:${role}` })),
    ...DEPARTMENTS.flatMap((d) =>
      ROLE_STEPS.map(({ role }) => ({ name: `${d.nameZh}${role === 'reviewer' ? '审核员' : '负责人'}`, value: `${d.code}:${role}` })),
    ),
  ];
  return [
    {
      $schema: TEMPLATE_SCHEMA,
      name: '多人审批（会签/或签/依次）',
      id: REVIEW_STEP_TEMPLATE,
      version: 1,
      description: '由一组人员按审批规则共同审批：会签、或签或依次审批；自动生成会签分派、多实例审批和会签汇总，无需填写表达式',
      appliesTo: ['bpmn:UserTask'],
      properties: [
        { label: '名称', type: 'String', value: '会签', binding: { type: 'property', name: 'name' }, constraints: { notEmpty: true } },
        {
          label: '审批规则',
          description: '更改后，会签分派、多实例设置和会签汇总随之更新',
          type: 'Dropdown',
          value: REVIEW_RULES[0],
          choices: REVIEW_RULES.map((value) => ({ name: RULE_CHOICES[value], value })),
          binding: { type: 'camunda:property', name: REVIEW_RULE_PROPERTY },
        },
        {
          label: '审批人员',
          description: '该组在办件所在地区的在岗人员，按加入先后排序（依次审批按此顺序）',
          type: 'Dropdown',
          value: groups[0]!.value,
          choices: groups,
          binding: { type: 'camunda:property', name: REVIEW_GROUP_PROPERTY },
        },
      ],
    },
  ];
}

const hidden = (value: string, binding: Record<string, string>) => ({ type: 'Hidden', value, binding });
const passAll = (type: 'camunda:in' | 'camunda:out') => ({ type: 'Hidden', binding: { type, variables: 'all' } });

/**
 * The platform's sub-processes, called with the case's business key and every variable: 受理
 * (case_acceptance, its decision and 容缺 flag come back) and 出件 (case_results: payment, seal,
 * delivery). An analyst's item process picks them from the list and never types a process key.
 */
export const CALL_TEMPLATES: ElementTemplate[] = [
  {
    id: 'acceptance',
    name: '受理（受理子流程）',
    value: '受理',
    calledElement: PROCESS_KEYS.acceptance,
    returns: true,
    description: `调用平台受理子流程：受理、容缺受理、补正（一次告知）或窗口人工受理；决定（${VARIABLES.acceptanceDecision}）和容缺标记（${VARIABLES.deficient}）带回本流程`,
  },
  {
    id: 'results',
    name: '出件（缴费、签章、送达）',
    value: '出件',
    calledElement: PROCESS_KEYS.results,
    returns: false,
    description: '调用平台出件子流程：统一支付（有收费时）、电子印章签发决定书和证照、送达（邮寄、窗口领取或电子送达）',
  },
].map((c) => ({
  $schema: TEMPLATE_SCHEMA,
  name: c.name,
  id: `gov.approval.call.${c.id}`,
  version: 1,
  description: c.description,
  appliesTo: ['bpmn:CallActivity'],
  properties: [
    { label: '名称', type: 'String', value: c.value, binding: { type: 'property', name: 'name' }, constraints: { notEmpty: true } },
    hidden(c.calledElement, { type: 'property', name: 'calledElement' }),
    hidden('#{execution.processBusinessKey}', { type: 'camunda:in:businessKey' }),
    passAll('camunda:in'),
    ...(c.returns ? [passAll('camunda:out')] : []),
  ],
}));

/**
 * Conditions of the sequence flows an item process routes on, so an analyst picks 已受理 or 准予
 * and never writes an expression (准予/不予 read the outcome of the step with id `decision`, 签发). `execution.getVariable` reads a variable that may be unset
 * (the only method call our policy allows, see contract/bpmn/lint/expressions.ts).
 */
export const FLOW_TEMPLATES: ElementTemplate[] = [
  { id: 'accepted', name: '已受理', expression: `\${${VARIABLES.acceptanceDecision} == 'accepted'}` },
  // the outcome of the step with id "decision" (签发), as in the starters (starters.ts)
  { id: 'approved', name: '准予', expression: `\${${outcomeVariable('decision')} == '${OUTCOMES[0]}'}` },
  { id: 'refused', name: '不予', expression: `\${${outcomeVariable('decision')} == '${OUTCOMES[1]}'}` },
  { id: 'deficient', name: '容缺待补齐', expression: `\${execution.getVariable('${VARIABLES.deficient}') == true}` },
  { id: 'in-bundle', name: '一件事内办理', expression: `\${execution.getVariable('${VARIABLES.bundleCaseNo}') != null}` },
].map((f) => ({
  $schema: TEMPLATE_SCHEMA,
  name: `条件：${f.name}`,
  id: `gov.approval.flow.${f.id}`,
  version: 1,
  description: `顺序流在 ${f.expression} 时通过`,
  appliesTo: ['bpmn:SequenceFlow'],
  properties: [
    { label: '名称', type: 'String', value: f.name, binding: { type: 'property', name: 'name' } },
    hidden(f.expression, { type: 'property', name: 'conditionExpression' }),
  ],
}));

export const allTemplates = (): ElementTemplate[] => [
  ...TOPIC_TEMPLATES,
  ...CALL_TEMPLATES,
  ...FLOW_TEMPLATES,
  ...reviewStepTemplates(),
  ...userTaskTemplates(),
];
