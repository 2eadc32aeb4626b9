import { completionSchema, inboxQuerySchema } from './tasks.service.ts';
import { copySchema, handOverSchema, reasonSchema, resolveSchema, reviewAttachmentSchema } from './task-operations.ts';
import { deputySchema } from './deputies.ts';
import { bearer, clean, error, idParam, json, taskOperation, type Paths, type Schemas } from '../openapi/helpers.ts';

/** The component schemas of the inbox: a task, a completion, and the reason an operation on a case gives (POST /cases/{caseNo}/withdraw …). */
export function inboxSchemas(): Schemas {
  return {
    Completion: clean(completionSchema),
    Task: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        taskDefinitionKey: { type: 'string' },
        created: { type: 'string' },
        due: { type: ['string', 'null'] },
        assignee: { type: ['string', 'null'] },
        caseNo: { type: 'string' },
        itemCode: { type: 'string' },
        itemName: { type: 'string' },
        applicantName: { type: 'string' },
        channel: { type: 'string' },
        caseStatus: { $ref: '#/components/schemas/CaseStatus' },
        caseDueAt: { type: ['string', 'null'], description: "the case's promised due time (承诺时限); the list is sorted by it" },
        deadlineColour: { enum: ['green', 'yellow', 'red', null], description: '超期预警' },
      },
    },
    Reason: clean(reasonSchema),
  };
}

/** 待办 paths of /api/v1: tasks and their operations, out-of-office deputies, copies; a suspension's body is the cases' Suspension schema. */
export function inboxPaths(): Paths {
  return {
    '/tasks': {
      get: {
        summary:
          "The caller's tasks and the unclaimed tasks of the caller's department roles, most urgent first, filtered; counts per filter value over the whole inbox",
        security: bearer,
        parameters: Object.entries(inboxQuerySchema.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema: clean(schema) })),
        responses: {
          200: {
            description: 'tasks',
            content: json({
              type: 'object',
              properties: {
                total: { type: 'integer' },
                tasks: { type: 'array', items: { $ref: '#/components/schemas/Task' } },
                counts: { type: 'object', description: 'all, mine, group (unclaimed), and per colour, item, bundle and channel', additionalProperties: true },
              },
            }),
          },
          422: error('an unknown filter or value'),
        },
      },
    },
    '/tasks/{id}/unclaim': taskOperation('取消签收: the holder puts the task back for the role', undefined),
    '/tasks/{id}/transfer': taskOperation('转办: the holder gives the task to another holder of the same role, with a reason', handOverSchema),
    '/tasks/{id}/delegate': taskOperation(
      '委派: the holder has a colleague of the same role do the task; the delegate resolves it back, the holder completes it',
      handOverSchema,
    ),
    '/tasks/{id}/resolve': taskOperation('The delegate hands a delegated task back to its owner with an opinion', resolveSchema),
    '/tasks/{id}/copy': taskOperation('抄送: staff named may read the case (not act on it) and are notified', copySchema),
    '/tasks/{id}/send-back': taskOperation(
      '退回: back to an earlier step of the same process instance that ran (to: its activity id), assigned to who did it; parallel branches go on',
      handOverSchema,
    ),
    '/tasks/{id}/add-signer': taskOperation('加签: a holder of a running 会签/或签 adds a reviewer of the department (to: user name)', handOverSchema),
    '/tasks/{id}/remove-signer': taskOperation(
      '减签: a holder of a running 会签/或签 removes a reviewer who has not signed yet; one always stays',
      handOverSchema,
    ),
    '/tasks/{id}/attachments': taskOperation(
      'The holder adds a file of their own upload to the case during review (site photos, reports); staff see it in the case',
      reviewAttachmentSchema,
    ),
    '/tasks/{id}/suspend': taskOperation(
      "特别程序 (行政许可法 Art. 45): the holder stops the case's clock for a hearing, testing, expert review …, with a reason; the applicant is told; nothing can be completed until it resumes",
      { $ref: '#/components/schemas/Suspension' },
    ),
    '/me/deputy': {
      get: {
        summary: "Out-of-office: the caller's deputy and whom the caller stands in for",
        security: bearer,
        responses: { 200: { description: 'the setting' } },
      },
      put: {
        summary:
          "Names a deputy of the same department role for a period (at most 90 days); the deputy sees the caller's assigned tasks and takes them over by claiming",
        security: bearer,
        requestBody: { required: true, content: json(clean(deputySchema)) },
        responses: {
          200: { description: 'the setting' },
          422: error('no such colleague, oneself, another role, or a period that is over, reversed or too long'),
        },
      },
      delete: { summary: 'Ends the out-of-office setting', security: bearer, responses: { 200: { description: 'the setting' } } },
    },
    '/copies': { get: { summary: 'The cases copied to the caller (抄送)', security: bearer, responses: { 200: { description: 'copies' } } } },
    '/tasks/{id}/claim': {
      post: {
        summary: "签收: claim a task offered to one of the caller's groups",
        security: bearer,
        parameters: idParam,
        responses: { 200: { description: 'claimed' }, 404: error('no such task visible to the caller'), 409: error('claimed by someone else') },
      },
    },
    '/tasks/{id}/complete': {
      post: {
        summary:
          "Complete a claimed task with an outcome and an opinion. Reviewers and leaders approve or reject; the window clerk's acceptance_review takes accepted / correction / not_accepted (the latter with reasons), recorded with its notice",
        security: bearer,
        parameters: idParam,
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/Completion' }) },
        responses: {
          200: { description: 'completed' },
          404: error('no such task visible to the caller'),
          409: error('not claimed, claimed by someone else, or already completed'),
          422: error('an outcome this task does not take, a refusal without reasons, or an empty opinion'),
        },
      },
    },
  };
}
