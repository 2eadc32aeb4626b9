import acceptance from '../../modeler/templates/acceptance.json' with { type: 'json' };
import notify from '../../modeler/templates/notify.json' with { type: 'json' };
import jointDecision from '../../modeler/templates/joint-decision.json' with { type: 'json' };
import assignReviewers from '../../modeler/templates/assign-reviewers.json' with { type: 'json' };
import tally from '../../modeler/templates/tally.json' with { type: 'json' };
import payment from '../../modeler/templates/payment.json' with { type: 'json' };
import seal from '../../modeler/templates/seal.json' with { type: 'json' };
import delivery from '../../modeler/templates/delivery.json' with { type: 'json' };
import { VARIABLES } from '../../processes/topics.ts';
import { DEPARTMENTS } from '../organization/departments.ts';

/**
 * Camunda 7 element templates for the modeler: the machine steps (one JSON file per topic in
 * modeler/templates, the topic a hidden binding) and the user tasks, generated from the
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
export const TOPIC_TEMPLATES: ElementTemplate[] = [acceptance, notify, jointDecision, assignReviewers, tally, payment, seal, delivery];

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
    userTaskTemplate(`case-department.${role}`, `承办部门${step}`, `由办件的承办部门（流程变量 ${VARIABLES.departmentCode}）的${role === 'reviewer' ? '审核员' : '负责人'}办理`, `\${${VARIABLES.departmentCode}}:${role}`),
  );
  const window = userTaskTemplate('center.clerk', '窗口人工受理', '由政务服务中心窗口人员办理', 'center:clerk');
  const departments = DEPARTMENTS.flatMap((d) =>
    ROLE_STEPS.map(({ role, step }) => userTaskTemplate(`${d.code}.${role}`, `${d.nameZh}${step}`, `由${d.nameZh}的${role === 'reviewer' ? '审核员' : '负责人'}办理（${d.code}:${role}）`, `${d.code}:${role}`)),
  );
  return [...caseDepartment, window, ...departments];
}

export const allTemplates = (): ElementTemplate[] => [...TOPIC_TEMPLATES, ...userTaskTemplates()];
