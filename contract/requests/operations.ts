import { VARIABLES } from '../topics.ts';
import { fieldProblem, type FieldProblem } from '../problems.ts';
import { shaped } from '../validation/pattern-hint.ts';

/**
 * 运维监控 (server/operations): the system administrator's bodies for a failed step (an engine
 * incident) and a case that went wrong. The server validates with these; the operations page
 * checks with them before it sends.
 */

const reason = { type: 'string', minLength: 2, maxLength: 500, pattern: '\\S', title: '理由', 'x-title-en': 'Reason' } as const;
const retries = { type: 'integer', minimum: 1, maximum: 10, title: '重试次数', 'x-title-en': 'Retries' } as const;
/** an engine id (incident, activity, process instance): letters, digits, "_" and "-", as the engine makes them */
export const engineId = (title: string, titleEn: string) =>
  ({
    type: 'string',
    minLength: 1,
    maxLength: 64,
    ...shaped(
      '^[A-Za-z0-9][A-Za-z0-9_-]*$',
      '只能包含字母、数字、“_”和“-”，且以字母或数字开头',
      'only letters, digits, "_" and "-", beginning with a letter or a digit',
    ),
    title,
    'x-title-en': titleEn,
  }) as const;

/**
 * The process variables an operator may correct before a retry: the contract's variables only
 * (contract/topics.ts VARIABLES), each a text, a number or a yes/no. Personal data never goes to
 * the engine, so there is none among them.
 */
export const CORRECTABLE_VARIABLES: readonly string[] = Object.values(VARIABLES);

export const incidentRetrySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    retries,
    variables: {
      type: 'object',
      title: '更正的流程变量',
      'x-title-en': 'Corrected process variables',
      // each value here; which names may be corrected is the rule below (it names the variable in words)
      maxProperties: CORRECTABLE_VARIABLES.length,
      additionalProperties: {
        type: ['string', 'number', 'boolean'],
        maxLength: 500,
        title: '变量值（文字、数字或是/否）',
        'x-title-en': 'Value (a text, a number or yes/no)',
      },
    },
  },
} as const;

/** POST /operations/incidents/retry: several incidents at once, each answered on its own. */
export const batchRetrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['ids'],
  properties: {
    ids: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: engineId('异常编号', 'Incident id'), title: '异常', 'x-title-en': 'Incidents' },
    retries,
  },
} as const;

/** POST /operations/cases/{caseNo}/move: start the case again before a step of its process. */
export const caseMoveSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['activityId', 'reason'],
  properties: {
    activityId: engineId('目标环节', 'Target step'),
    /** the current steps to end (their activity ids); by default the steps at work, not the waits of other branches (a join, a message) */
    cancel: {
      type: 'array',
      maxItems: 50,
      uniqueItems: true,
      items: engineId('结束的环节', 'Step to end'),
      title: '结束的当前环节',
      'x-title-en': 'Current steps to end',
    },
    reason,
  },
} as const;

/** POST /operations/cases/{caseNo}/cancel: end the case, with a notice to the applicant. */
export const caseCancelSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { ...reason, title: '终止理由', 'x-title-en': 'Reason for ending the case' } },
} as const;

export interface IncidentRetryBody {
  retries?: number;
  variables?: Record<string, string | number | boolean>;
}

/** The rule the schema cannot say in words: only the contract's variables may be corrected, each named. */
export function incidentRetryRules(body: IncidentRetryBody): FieldProblem[] {
  return Object.keys(body.variables ?? {})
    .filter((name) => !CORRECTABLE_VARIABLES.includes(name))
    .map((name) =>
      fieldProblem(
        `variables.${name}`,
        `流程变量“${name}”不能在此更正：只能更正平台约定的流程变量（${CORRECTABLE_VARIABLES.join('、')}）`,
        `The process variable "${name}" cannot be corrected here: only the platform's process variables can (${CORRECTABLE_VARIABLES.join(', ')})`,
      ),
    );
}
