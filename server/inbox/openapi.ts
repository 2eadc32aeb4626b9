import { PRIORITY_REASONS } from '../../contract/priority.ts';
import { inboxQuerySchema } from './inbox-query.ts';
import { doneQuerySchema } from './done-tasks.ts';
import { completionSchema } from '../../contract/requests/task-completion.ts';
import {
  copySchema,
  handOverSchema,
  reasonSchema,
  resolveSchema,
  reviewAttachmentSchema,
  suspendSchema,
  urgeSchema,
} from '../../contract/requests/case-actions.ts';
import { deputySchema } from './deputies.ts';
import {
  always,
  answer,
  bearer,
  caseOperation,
  clean,
  error,
  idParam,
  instant,
  json,
  nullable,
  taskOperation,
  type Paths,
  type Schemas,
} from '../openapi/helpers.ts';

/** How many tasks per value (a colour, an item code …). */
const tally = { type: 'object', additionalProperties: { type: 'integer' } };
const holder = { $ref: '#/components/schemas/TaskHolder' };
const caseNo = { type: 'string' };

/** The component schemas of the inbox: a task, a completion, and the reason an operation on a case gives (POST /cases/{caseNo}/withdraw …). */
export function inboxSchemas(): Schemas {
  return {
    Completion: clean(completionSchema),
    Task: always({
      id: { type: 'string' },
      name: nullable(),
      taskDefinitionKey: { type: 'string' },
      created: { type: 'string', format: 'date-time', description: 'when the task arrived' },
      receivedDay: { type: 'string', format: 'date', description: 'the day it arrived (Asia/Shanghai), which receivedFrom / receivedTo filter on' },
      due: nullable('date-time'),
      assignee: nullable(),
      onBehalfOf: { ...nullable(), description: 'out-of-office: the absent holder the caller stands in for' },
      owner: { ...nullable(), description: '委派: who delegated the task' },
      delegated: { type: 'boolean', description: 'delegated to its assignee, who resolves it back to the owner' },
      caseNo: nullable(),
      itemCode: nullable(),
      itemName: { ...nullable(), description: "the item's name in the caller's language; a bundle's own task (its acceptance): the bundle's" },
      bundleCode: { ...nullable(), description: "the bundle (一件事) the task's case belongs to" },
      bundleName: { ...nullable(), description: "the bundle's name in the caller's language" },
      bundleCaseNo: nullable(),
      applicantName: nullable(),
      channel: nullable(),
      priorityReason: {
        enum: [...PRIORITY_REASONS, null],
        description: '绿色通道: why the window put the case (or its 一件事) first; its tasks come first in the default order. null: an ordinary case',
      },
      caseStatus: { anyOf: [{ $ref: '#/components/schemas/CaseStatus' }, { type: 'null' }] },
      incident: { type: 'boolean', description: '异常: a step of the case (or of its 一件事) failed and waits for the operators (the incident console)' },
      caseDueAt: { ...nullable('date-time'), description: "the case's promised due time (承诺时限); the list is sorted by it, after 绿色通道" },
      deadlineColour: { enum: ['green', 'yellow', 'red', null], description: '超期预警 of the case' },
      stepDueAt: { ...nullable('date-time'), description: "the step's own due time, where the item gives the step working days (stepDays)" },
      stepColour: { enum: ['green', 'yellow', 'red', null] },
    }),
    /** What an operation on a task answers about it: the task, its holder now and its case. */
    TaskHolder: always({ id: { type: 'string' }, assignee: nullable(), caseNo: { type: 'string' } }),
    Reason: clean(reasonSchema),
    Suspension: clean(suspendSchema),
    Urge: clean(urgeSchema),
  };
}

const deputySetting = always({
  deputy: {
    description: "the caller's deputy, while one is named",
    oneOf: [
      always({
        username: { type: 'string' },
        displayName: { type: 'string' },
        startsAt: instant,
        endsAt: instant,
        reason: { type: 'string' },
        active: { type: 'boolean', description: 'the period is on now' },
      }),
      { type: 'null' },
    ],
  },
  standingInFor: {
    type: 'array',
    description: 'whom the caller stands in for now',
    items: always({ username: { type: 'string' }, displayName: { type: 'string' } }),
  },
});
const copy = always({
  caseNo: nullable(),
  itemCode: nullable(),
  itemName: { ...nullable(), description: "the item's (or bundle's) name in the caller's language" },
  from: { ...nullable(), description: 'who copied it' },
  task: nullable(),
  note: nullable(),
  at: instant,
  read: { type: 'boolean' },
});

/** 待办 paths of /api/v1: tasks and their operations, 收回 and 催办 from a case's page, out-of-office deputies, copies. */
export function inboxPaths(): Paths {
  return {
    '/tasks': {
      get: {
        summary:
          "The caller's tasks and the unclaimed tasks of the caller's department roles, a page at a time: filtered and sorted (most urgent first by default) by the server, with the exact number the filters leave and counts per filter value over the whole inbox",
        security: bearer,
        parameters: Object.entries(inboxQuerySchema.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema: clean(schema) })),
        responses: {
          200: {
            description: 'tasks',
            content: json(
              always({
                total: { type: 'integer', description: 'the tasks the filters leave (all pages)' },
                limit: { type: 'integer' },
                offset: { type: 'integer' },
                tasks: { type: 'array', items: { $ref: '#/components/schemas/Task' } },
                counts: {
                  description:
                    'over the whole inbox, whatever the filters: all, mine, group (unclaimed), and per colour, item, bundle and channel ("none" counts the tasks without one)',
                  ...always({
                    all: { type: 'integer' },
                    mine: { type: 'integer' },
                    group: { type: 'integer' },
                    colour: tally,
                    item: tally,
                    bundle: tally,
                    channel: tally,
                  }),
                },
              }),
            ),
          },
          422: error('an unknown filter or value'),
        },
      },
    },
    '/tasks/{id}/unclaim': taskOperation('取消签收: the holder puts the task back for the role', undefined, holder),
    '/tasks/{id}/transfer': taskOperation('转办: the holder gives the task to another holder of the same role, with a reason', handOverSchema, {
      ...always({ id: { type: 'string' }, assignee: { type: 'string' }, owner: { type: 'null' }, caseNo }),
    }),
    '/tasks/{id}/delegate': taskOperation(
      '委派: the holder has a colleague of the same role do the task; the delegate resolves it back, the holder completes it',
      handOverSchema,
      always({
        id: { type: 'string' },
        assignee: { type: 'string' },
        owner: { type: 'string', description: 'the caller, who completes it once resolved' },
        caseNo,
      }),
    ),
    '/tasks/{id}/resolve': taskOperation('The delegate hands a delegated task back to its owner with an opinion', resolveSchema, holder),
    '/tasks/{id}/copy': taskOperation(
      '抄送: staff named may read the case (not act on it) and are notified',
      copySchema,
      always({ caseNo, copiedTo: { type: 'array', items: { type: 'string' } } }),
    ),
    '/tasks/{id}/send-back': taskOperation(
      '退回: back to an earlier step of the same process instance that ran (to: its activity id), assigned to who did it; parallel branches go on',
      handOverSchema,
      always({
        caseNo,
        sentBackTo: { type: 'string', description: "the step's activity id" },
        assignee: { ...nullable(), description: 'who did the step before' },
      }),
    ),
    '/tasks/{id}/add-signer': taskOperation(
      '加签: a holder of a running 会签/或签 adds a reviewer of the department (to: user name)',
      handOverSchema,
      always({ caseNo, added: { type: 'string' } }),
    ),
    '/tasks/{id}/remove-signer': taskOperation(
      '减签: a holder of a running 会签/或签 removes a reviewer who has not signed yet; one always stays',
      handOverSchema,
      always({ caseNo, removed: { type: 'string' } }),
    ),
    '/tasks/{id}/attachments': taskOperation(
      'The holder adds a file of their own upload to the case during review (site photos, reports); staff see it in the case',
      reviewAttachmentSchema,
      always({ caseNo, attachmentId: { type: 'string' } }),
    ),
    '/tasks/{id}/suspend': taskOperation(
      "特别程序 (行政许可法 Art. 45): the holder stops the case's clock for a hearing, testing, expert review …, with a reason; the applicant is told; nothing can be completed until it resumes",
      { $ref: '#/components/schemas/Suspension' },
      always({ caseNo, status: { const: 'suspended' } }),
    ),
    '/cases/{caseNo}/take-back': caseOperation(
      "撤回 by staff: takes back the caller's last step while the step it led to is unclaimed",
      { $ref: '#/components/schemas/Reason' },
      'the next step was claimed or the case moved on',
      always({ caseNo, takenBack: { type: 'string', description: "the step's activity id" } }),
    ),
    '/cases/{caseNo}/urge': caseOperation(
      '催办: notifies the holders of the open tasks; one urge per person and case every 10 minutes (429 otherwise)',
      { $ref: '#/components/schemas/Urge' },
      'no open task',
      always({ caseNo, notified: { type: 'integer', description: 'how many holders were told' } }),
    ),
    '/me/deputy': {
      get: {
        summary: "Out-of-office: the caller's deputy and whom the caller stands in for",
        security: bearer,
        responses: { 200: answer('the setting', deputySetting) },
      },
      put: {
        summary:
          "Names a deputy of the same department role for a period (at most 90 days); the deputy sees the caller's assigned tasks and takes them over by claiming",
        security: bearer,
        requestBody: { required: true, content: json(clean(deputySchema)) },
        responses: {
          200: answer('the setting', deputySetting),
          422: error('no such colleague, oneself, another role, or a period that is over, reversed or too long'),
        },
      },
      delete: { summary: 'Ends the out-of-office setting', security: bearer, responses: { 200: answer('the setting', deputySetting) } },
    },
    '/tasks/done': {
      get: {
        summary: '已办: the tasks the caller completed, newest first, a page at a time, with the case as it stands now',
        security: bearer,
        parameters: Object.entries(doneQuerySchema.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema: clean(schema) })),
        responses: {
          200: answer(
            'completed tasks',
            always({
              total: { type: 'integer' },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
              tasks: {
                type: 'array',
                items: always({
                  taskId: { type: 'string' },
                  step: { type: 'string' },
                  outcome: { type: 'string', description: 'approve, reject, or the clerk’s accepted / correction / not_accepted' },
                  opinion: { type: 'string' },
                  completedAt: instant,
                  caseNo: nullable(),
                  itemCode: nullable(),
                  itemName: nullable(),
                  applicantName: nullable(),
                  caseStatus: { anyOf: [{ $ref: '#/components/schemas/CaseStatus' }, { type: 'null' }] },
                  caseStatusLabel: { ...nullable(), description: "the case's status in the caller's language" },
                }),
              },
            }),
          ),
          422: error('an unknown parameter or value'),
        },
      },
    },
    '/copies': {
      get: {
        summary: 'The cases copied to the caller (抄送), newest first (at most 200)',
        security: bearer,
        responses: { 200: answer('copies', always({ total: { type: 'integer' }, copies: { type: 'array', items: copy } })) },
      },
    },
    '/tasks/{id}/claim': {
      post: {
        summary: "签收: claim a task offered to one of the caller's groups",
        security: bearer,
        parameters: idParam,
        responses: {
          200: answer("claimed (claiming one's own task again changes nothing)", holder),
          404: error('no such task visible to the caller (a task the engine never had)'),
          409: error('claimed by someone else (who); or it closed: task_already_completed or task_closed, the message saying who did what and when'),
        },
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
          200: answer('completed', always({ id: { type: 'string' }, caseNo, outcome: { type: 'string' } })),
          404: error('no such task visible to the caller (a task the engine never had)'),
          409: error(
            "not claimed, or claimed by someone else; or it closed: task_already_completed (completed by the caller or someone else, or its step ended by another reviewer's decision) or task_closed (taken back, sent back, moved, cancelled), the message saying who did what and when",
          ),
          422: error('an outcome this task does not take, a refusal without reasons, or an empty opinion'),
        },
      },
    },
  };
}
