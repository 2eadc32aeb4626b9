import { always, answer, bearer, caseParam, clean, error, idParam, instant, json, nullable, type Paths, type Schemas } from '../openapi/helpers.ts';
import { batchRetrySchema, caseCancelSchema, caseMoveSchema, incidentRetrySchema } from '../../contract/requests/operations.ts';
import { migrationPaths } from './migration-openapi.ts';
import { systemPaths } from './system-openapi.ts';

const localizedText = { type: 'string', description: 'in the language of Accept-Language' };

/** The component schemas of 运维监控. */
export function operationsSchemas(): Schemas {
  return {
    Incident: always({
      id: { type: 'string', description: "the engine's incident id" },
      type: { type: 'string', description: 'failedExternalTask, failedJob, or another of the engine' },
      retryable: { type: 'boolean', description: 'an external task or a job whose retries can be set again' },
      caseNo: nullable(),
      item: { oneOf: [{ type: 'null' }, always({ code: { type: 'string' }, name: localizedText })] },
      departmentCode: nullable(),
      regionCode: nullable(),
      step: always({ id: { type: 'string' }, name: { type: 'string', description: "the activity's name in the BPMN (its id when unnamed)" } }),
      error: always({
        message: { type: 'string', description: "the worker's or the job's error message" },
        details: { ...nullable(), description: 'the first lines of the error details or stack trace' },
      }),
      retries: { type: ['integer', 'null'], description: 'retries left (0 once the incident is raised)' },
      since: instant,
      processInstanceId: { type: 'string' },
      annotation: nullable(),
    }),
    StuckCase: always({
      caseNo: { type: 'string' },
      itemCode: { type: 'string' },
      departmentCode: { type: 'string' },
      regionCode: nullable(),
      status: { type: 'string' },
      statusLabel: localizedText,
      kind: { type: 'string', enum: ['instance_gone', 'instance_ended', 'suspended', 'waiting_for_nothing'] },
      diagnosis: localizedText,
      processInstanceIds: { type: 'array', items: { type: 'string' } },
      since: { ...instant, description: 'when the detector first found it stuck' },
    }),
  };
}

const activity = always({
  activityId: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string', description: 'the BPMN element (userTask, parallelGateway …)' },
  cancelByDefault: {
    type: 'boolean',
    description: 'a step at work (ended by a move unless told otherwise), not a wait of another branch (a join, a message, a timer)',
  },
});

/** 运维监控 paths of /api/v1 (the system administrator). */
export function operationsPaths(): Paths {
  return {
    ...migrationPaths(),
    ...systemPaths(),
    '/operations/incidents': {
      get: {
        summary:
          "Open incidents (administrators): every failed step where a failure began (GET /incident of the engine), with its case, item, step, the error in words (the external task's or the job's message and the first lines of its details), retries left and since when; newest first, paged",
        security: bearer,
        parameters: [
          { name: 'item', in: 'query', required: false, schema: { type: 'string' }, description: 'item or bundle code' },
          { name: 'department', in: 'query', required: false, schema: { type: 'string' }, description: "the case's department code" },
          { name: 'type', in: 'query', required: false, schema: { type: 'string' }, description: "the engine's incident type (failedExternalTask, failedJob)" },
          { name: 'since', in: 'query', required: false, schema: { type: 'string' }, description: 'raised at or after (ISO date or date-time)' },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: {
          200: answer(
            'a page of incidents and how many match',
            always({
              total: { type: 'integer' },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
              incidents: { type: 'array', items: { $ref: '#/components/schemas/Incident' } },
            }),
          ),
          422: error('a filter that is not valid, each named in words'),
        },
      },
    },
    '/operations/incidents/{id}/retry': {
      post: {
        summary:
          "Retry a failed step (administrators): the corrected process variables first (the contract's variables only, texts, numbers or yes/no: PUT /process-instance/{id}/variables/{name}), then the external task's or job's retries set again (PUT /external-task/{id}/retries, PUT /job/{id}/retries), which resolves the incident. Audited",
        security: bearer,
        parameters: idParam,
        requestBody: { required: false, content: json(clean(incidentRetrySchema)) },
        responses: {
          200: answer(
            'retried',
            always({
              id: { type: 'string' },
              caseNo: nullable(),
              step: { type: 'string' },
              retries: { type: 'integer' },
              variables: { type: 'array', items: { type: 'string' } },
            }),
          ),
          404: error('no such incident'),
          409: error('the incident is resolved already (said with when), or of a kind that cannot be retried'),
          422: error('retries out of range, a variable the contract does not list, or a value that is no text, number or yes/no'),
        },
      },
    },
    '/operations/incidents/retry': {
      post: {
        summary: 'Retry several failed steps (administrators): each retried on its own and answered, done or why not in words',
        security: bearer,
        requestBody: { required: true, content: json(clean(batchRetrySchema)) },
        responses: {
          200: answer(
            'each incident with its result',
            always({
              retried: { type: 'integer' },
              failed: { type: 'integer' },
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'ok'],
                  properties: {
                    id: { type: 'string' },
                    ok: { type: 'boolean' },
                    result: { type: 'object' },
                    status: { type: 'integer' },
                    code: { type: 'string' },
                    message: localizedText,
                  },
                },
              },
            }),
          ),
          422: error('no ids, more than 100, repeated ids, or retries out of range'),
        },
      },
    },
    '/operations/cases/{caseNo}/steps': {
      get: {
        summary: "The steps of a case's process and where it stands (administrators): the choices of a move",
        security: bearer,
        parameters: caseParam,
        responses: {
          200: answer(
            "the flow nodes of the instance's definition and its current activities",
            always({
              caseNo: { type: 'string' },
              processInstanceId: { type: 'string' },
              processDefinitionId: { type: 'string' },
              current: { type: 'array', items: activity },
              steps: { type: 'array', items: always({ id: { type: 'string' }, name: nullable(), type: { type: 'string' } }) },
            }),
          ),
          404: error('no such case'),
          409: error('the case is closed, or has no running process instance'),
        },
      },
    },
    '/operations/cases/{caseNo}/move': {
      post: {
        summary:
          "Move a case to a step of its process (administrators): process instance modification (POST /process-instance/{id}/modification) starting before the chosen flow node and ending the current steps named in `cancel` (by default those at work, not the waits of other branches: a join, a message, a timer), with a reason; on the case's timeline and in the audit trail",
        security: bearer,
        parameters: caseParam,
        requestBody: { required: true, content: json(clean(caseMoveSchema)) },
        responses: {
          200: answer(
            'moved',
            always({
              caseNo: { type: 'string' },
              processInstanceId: { type: 'string' },
              from: { type: 'array', items: activity, description: 'the current steps ended' },
              to: always({ activityId: { type: 'string' }, name: { type: 'string' } }),
            }),
          ),
          404: error('no such case'),
          409: error('the case is closed, has no running instance, or the engine refused the move (said in words)'),
          422: error("no reason, or a step that is not a flow node of the instance's process"),
        },
      },
    },
    '/operations/cases/{caseNo}/cancel': {
      post: {
        summary:
          "Cancel a case (administrators): its process instance deleted with the reason, the case terminated (a bundle's open items too) with a 终止办理告知书 on its timeline and a notification to whoever submitted it; audited",
        security: bearer,
        parameters: caseParam,
        requestBody: { required: true, content: json(clean(caseCancelSchema)) },
        responses: {
          200: answer(
            'terminated',
            always({
              caseNo: { type: 'string' },
              status: { const: 'terminated' },
              statusLabel: localizedText,
              notice: always({ title: localizedText, number: { type: 'string', description: '文号' } }),
            }),
          ),
          404: error('no such case'),
          409: error('the case is closed, or is an item of a bundle (cancel the bundle)'),
          422: error('no reason'),
        },
      },
    },
    '/operations/stuck-cases': {
      get: {
        summary:
          'Stuck cases (administrators): cases not final whose process waits for nothing (no user task, external task, job or timer, no subscription), is suspended outside a special procedure, ended, or is gone; each found on two consecutive looks, with a diagnosis in words',
        security: bearer,
        parameters: [{ name: 'look', in: 'query', required: false, schema: { enum: ['now'] }, description: 'now: two fresh looks instead of the last ones' }],
        responses: {
          200: answer(
            'the stuck cases of the last two looks',
            always({ checkedAt: instant, total: { type: 'integer' }, cases: { type: 'array', items: { $ref: '#/components/schemas/StuckCase' } } }),
          ),
        },
      },
    },
  };
}
