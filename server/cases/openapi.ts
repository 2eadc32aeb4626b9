import { resubmissionSchema, submissionSchema, supplySchema } from './submission-schema.ts';
import { CASE_STATUSES } from './case-status.ts';
import { publicLookupPaths } from './public-lookup.ts';
import { PRIORITY_REASONS } from '../../contract/priority.ts';
import { CHANNELS } from '../../contract/channels.ts';
import { AGENT_RELATIONSHIPS } from '../../contract/requests/case-agent.ts';
import { always, answer, bearer, caseOperation, caseParam, clean, error, instant, json, nullable, type Paths, type Schemas } from '../openapi/helpers.ts';

/** A case's view: a bundle case has its answers, rule and item cases too. */
function bundleCase(properties: Record<string, object>, ...bundleOnly: string[]) {
  return { ...always(properties, ...bundleOnly), if: { properties: { kind: { const: 'bundle' } } }, then: { required: bundleOnly } };
}

const submitted = always({
  caseNo: { type: 'string' },
  status: { $ref: '#/components/schemas/CaseStatus' },
  replayed: { type: 'boolean', description: 'true: the case of an earlier request with the same Idempotency-Key' },
});
const text = { type: 'string' };
const when = { type: ['string', 'null'], description: 'as the engine writes it (2026-01-05T09:30:00.000+0800)' };
const activity = always({
  activityId: text,
  name: nullable(),
  type: text,
  startTime: text,
  endTime: when,
  canceled: { type: 'boolean' },
  assignee: nullable(),
  calledProcessInstanceId: nullable(),
});
const tracking = always({
  caseNo: text,
  status: { $ref: '#/components/schemas/CaseStatus' },
  position: {
    type: 'array',
    description: 'the open steps across every instance, in words',
    items: always({ caseNo: text, processInstanceId: text, activityId: text, name: nullable(), assignee: nullable(), since: text }),
  },
  instances: {
    type: 'array',
    items: always({
      caseNo: text,
      processInstanceId: text,
      processDefinitionKey: nullable(),
      caseName: { ...nullable(), description: "the item (or 一件事 bundle) of the instance's case, by name in the caller's language" },
      state: { type: 'string', description: "the engine's: ACTIVE, COMPLETED, INTERNALLY_TERMINATED …" },
      bpmnXml: text,
      finished: { type: 'array', items: text, description: 'activity ids that ended (not cancelled)' },
      current: { type: 'array', items: text, description: 'activity ids under way' },
      activities: { type: 'array', items: activity },
    }),
  },
});
const prefilled = always({
  idNo: { type: 'string', description: "the applicant's ID number the values are for, masked (4301**********1234)" },
  form: { type: 'object', description: 'the latest value of each field the new form asks, from e-licenses first, then earlier cases' },
  fieldSources: { type: 'object', additionalProperties: { type: 'string' }, description: 'per field: the case number, or e-license:<type>:<number>' },
  materials: {
    type: 'array',
    items: always({ code: text, attachmentId: text, originalName: text, sha256: text, fromCase: text }),
  },
  eLicenses: {
    type: 'array',
    description: 'e-licenses in force that stand in for a material (电子证照免提交)',
    items: always({ code: text, type: text, number: text, name: text, validUntil: nullable('date-time') }),
  },
});

/** The component schemas of cases: what is submitted, a case and its status, a suspension's body (POST /tasks/{id}/suspend). */
export function caseSchemas(): Schemas {
  return {
    CaseStatus: { type: 'string', enum: Object.keys(CASE_STATUSES) },
    Submission: clean(submissionSchema),
    Resubmission: clean(resubmissionSchema),
    Supply: clean(supplySchema),
    Case: bundleCase(
      {
        caseNo: { type: 'string', description: '办件编码: region(6) + date YYYYMMDD (Asia/Shanghai) + daily sequence(6); an item case of a bundle adds -NN' },
        kind: { enum: ['item', 'bundle'] },
        item: {
          description: "the item's code, version and name; for a bundle case the bundle's",
          ...always({ code: { type: 'string' }, version: { type: 'integer' }, name: { type: 'string' } }),
        },
        answers: {
          type: ['object', 'null'],
          description:
            "the answers the case was filed with: a bundle case's scenario answers (情形问答), an item case's situation answers (办理情形; absent when its item asks none)",
        },
        onItemRejected: { enum: ['refuse_bundle', 'continue'], description: "a bundle case's rule for a refused item (bundle cases only)" },
        items: {
          type: 'array',
          description: "a bundle case's item cases, each decided by its own department (bundle cases only)",
          items: always({
            caseNo: { type: 'string' },
            itemCode: { type: 'string' },
            name: { type: 'string' },
            departmentCode: { type: 'string' },
            status: { $ref: '#/components/schemas/CaseStatus' },
            statusLabel: { type: 'string' },
            promisedDueAt: nullable('date-time'),
          }),
        },
        bundleCaseNo: { ...nullable(), description: 'for an item case of a bundle: the bundle case' },
        departmentCode: { type: 'string' },
        region: {
          oneOf: [{ type: 'null' }, always({ code: { type: 'string' }, name: { type: 'string' } })],
          description: '四级: the region that handles the case (null: a case from before regions)',
        },
        receivedIn: {
          oneOf: [{ type: 'null' }, always({ code: { type: 'string' }, name: { type: 'string' } })],
          description: 'where it was applied for, when not where it is handled (a 便民服务站, a 跨域 window)',
        },
        channel: { enum: [...CHANNELS], description: 'where the case came in; proactive: opened by the platform (免申即享)' },
        priority: {
          oneOf: [{ type: 'null' }, always({ reason: { type: 'string', enum: [...PRIORITY_REASONS] }, label: { type: 'string' } })],
          description: '绿色通道: put first by the window clerk, for this reason (an item case of a bundle: with its bundle); null for an ordinary case',
        },
        status: { $ref: '#/components/schemas/CaseStatus' },
        statusLabel: {
          type: 'string',
          description: 'the status in words; while an open incident holds the case up: 异常 to staff, 办理中，工作人员处理中 to the applicant',
        },
        incident: {
          oneOf: [{ type: 'null' }, always({ since: instant, step: { type: 'string', description: 'the step that failed, as the process names it' } })],
          description: '运维监控: an open engine incident holding the case up (staff only; null for the applicant and when there is none)',
        },
        final: { type: 'boolean' },
        decision: { enum: ['approved', 'refused', 'partially_approved', null] },
        applicant: {
          description: 'ID number and phone masked',
          ...always({ name: { type: 'string' }, idType: { type: 'string' }, idNo: { type: 'string' }, phone: { type: 'string' } }),
        },
        agent: {
          description:
            'who applied for the applicant (帮办代办 at the window, 委托代理 online; ID number and phone masked), with how they stand to the applicant where registered',
          oneOf: [
            always({
              name: { type: 'string' },
              idNo: { type: 'string' },
              phone: { type: 'string' },
              relationship: { enum: [...AGENT_RELATIONSHIPS, null], description: 'family, employee, entrusted, intermediary or helper; null: not registered' },
              relationshipLabel: nullable(),
            }),
            { type: 'null' },
          ],
        },
        form: { type: 'object', description: "the form's values the viewer may see (按环节控制字段可见)" },
        reviewAttachments: {
          type: 'array',
          description: 'files reviewers added during review (staff only; empty for the applicant)',
          items: always({ attachmentId: { type: 'string' }, task: nullable(), note: nullable(), by: { type: 'string' }, at: instant }),
        },
        materials: {
          type: 'array',
          description: 'each material handed in (attachmentId) or replaced by an e-license (eLicense)',
          items: {
            oneOf: [
              always({ code: { type: 'string' }, name: { type: 'string' }, attachmentId: { type: 'string' } }),
              always({
                code: { type: 'string' },
                name: { type: 'string' },
                eLicense: always({
                  type: { type: 'string' },
                  number: { type: 'string' },
                  name: { type: 'string' },
                  holder: { type: 'string' },
                  validUntil: nullable('date-time'),
                  valid: { type: 'boolean' },
                }),
              }),
            ],
          },
        },
        commitments: {
          type: 'array',
          description:
            '告知承诺 (kind replacement) and 容缺 deferrals (kind deferral, with dueAt, fulfilledAt and workingDays); the signer is the applicant, or the agent who filed for them',
          items: always(
            {
              kind: {
                enum: ['replacement', 'deferral', 'shared'],
                description: '告知承诺, 容缺, or 免提交 (免申即享: the registries stand in for the material)',
              },
              materialCode: { type: 'string' },
              material: { type: 'string' },
              text: { type: 'string' },
              signer: { type: 'string' },
              signedAt: instant,
              sha256: { type: 'string' },
              dueAt: nullable('date-time'),
              fulfilledAt: nullable('date-time'),
              workingDays: { type: 'integer', description: '容缺: the working days from acceptance the material is due in (dueAt once accepted)' },
            },
            'dueAt',
            'fulfilledAt',
            'workingDays',
          ),
        },
        opinions: {
          type: 'array',
          items: always({ step: { type: 'string' }, outcome: { type: 'string' }, comment: { type: 'string' }, by: { type: 'string' }, at: instant }),
        },
        acceptanceFindings: {
          description:
            "窗口人工受理, staff only: why the machine's check passed the case to a window clerk (its problems, in the caller's language) while the clerk has yet to decide; null otherwise",
          oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }],
        },
        instantApproval: {
          description:
            "秒批: the decision table's latest verdict on the case (approve, or review with its reasons in the caller's language); null for a case that had none",
          oneOf: [
            { type: 'null' },
            always({
              outcome: { type: 'string', enum: ['approve', 'review'] },
              reasons: { type: 'array', items: { type: 'string' } },
              decision: { oneOf: [{ type: 'null' }, always({ key: { type: 'string' }, version: { type: 'integer' }, name: { type: ['string', 'null'] } })] },
              rules: { oneOf: [{ type: 'null' }, { type: 'array', items: { type: 'string' } }] },
              checks: { type: 'array', items: always({ subject: { type: 'string' }, registry: { type: 'string' }, outcome: { type: 'string' } }) },
              at: instant,
            }),
          ],
        },
        timeline: {
          type: 'array',
          items: always({
            at: instant,
            type: { type: 'string' },
            label: { type: 'string' },
            actor: { type: 'string' },
            detail: { type: 'object' },
            notes: {
              type: 'array',
              items: { type: 'string' },
              description:
                "what the entry notes, in the caller's language: a sealed document's character no installed font has, drawn as its code point (document_glyph_unavailable)",
            },
          }),
        },
        deadline: {
          description:
            'from acceptance: promised (承诺) and statutory (法定) due times in working days, and the warning colour (none while suspended or once closed)',
          oneOf: [
            always({
              acceptedAt: instant,
              promisedDueAt: instant,
              statutoryDueAt: nullable('date-time'),
              colour: { enum: ['green', 'yellow', 'red', null] },
              suspendedSince: nullable('date-time'),
              suspendedWorkingDays: { type: 'integer' },
              provisional: {
                type: 'boolean',
                description:
                  "the period runs through a year without the State Council's arrangement (published or imported): its holidays are the statutory ones, derived (按法定节假日推算); importing the arrangement re-schedules it",
              },
            }),
            { type: 'null' },
          ],
        },
        processInstanceId: nullable(),
        actions: {
          description: "what the viewer may do now: 撤回, 补正, 容缺 supply, 催办 (when the last urge allows again), staff's 收回",
          ...always({
            withdraw: { type: 'boolean' },
            resubmit: { type: 'boolean' },
            supply: { type: 'boolean' },
            urge: { type: 'boolean' },
            urgeAvailableAt: nullable('date-time'),
            takeBack: { type: 'boolean' },
          }),
        },
        correction: {
          description: '补正: what the correction notice asks, for the applicant (or a window clerk) while the case waits for it',
          oneOf: [
            always({
              reasons: { type: 'array', items: { type: 'string' } },
              noticeNumber: nullable(),
              dueAt: nullable(),
              formSchema: { type: 'object', description: 'the JSON schema of the version the case was submitted under' },
              formProblems: {
                type: 'array',
                description: "the form's problems as submitted, as a 422 lists them (field: the form's field name)",
                items: { $ref: '#/components/schemas/ProblemDetail' },
              },
              materials: {
                type: 'array',
                items: always({
                  code: { type: 'string' },
                  name: { type: 'string' },
                  formats: { type: 'array', items: { type: 'string' } },
                  required: { type: 'boolean' },
                  eLicense: nullable(),
                  named: { type: 'boolean', description: 'the notice names it' },
                }),
              },
            }),
            { type: 'null' },
          ],
        },
        owed: {
          type: 'array',
          description: '容缺: the deferred materials still owed, with their due time',
          items: always({ code: { type: 'string' }, name: { type: 'string' }, formats: { type: 'array', items: { type: 'string' } }, dueAt: instant }),
        },
        submittedAt: instant,
        updatedAt: instant,
        finishedAt: nullable('date-time'),
      },
      'answers',
      'onItemRejected',
      'items',
    ),
  };
}

/** 办件 paths of /api/v1; the reason a case operation takes is the inbox's Reason schema. */
export function casePaths(): Paths {
  const reason = { $ref: '#/components/schemas/Reason' };
  return {
    '/cases': {
      post: {
        summary: 'Submit a case for an item (itemCode) or a bundle (bundleCode + answers: 一表申请, 一套材料); starts its process',
        security: bearer,
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            schema: { type: 'string' },
            description: 'a repeat with the same key returns the first case (200) instead of creating another',
          },
        ],
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/Submission' }) },
        responses: {
          201: answer('created', submitted),
          200: answer('replayed: the case of an earlier request with the same Idempotency-Key', submitted),
          401: error('not logged in'),
          403: error('not an applicant or clerk'),
          422: error(
            'invalid form, unknown item or bundle, incomplete answers, unknown material or attachment, a deferral or commitment the catalog does not allow',
          ),
          503: error('engine unavailable; nothing saved'),
        },
      },
    },
    '/prefill': {
      post: {
        summary:
          'What is known of an applicant for a new item or bundle: form values and materials from their earlier cases (前序流程已收取的材料不需提交); the attachment ids may be named again in POST /cases. A POST so that no ID number is ever in a URL; the ID number and personal fields come back masked, and sent back unchanged in POST /cases they stand for the values held',
        security: bearer,
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            additionalProperties: false,
            properties: {
              itemCode: { type: 'string' },
              bundleCode: { type: 'string' },
              idNo: { type: 'string', description: "the applicant's ID number: required for a clerk; an applicant is who their token says" },
            },
          }),
        },
        responses: {
          200: answer('form values (personal ones masked), their source cases, reusable materials', prefilled),
          404: error('no such item or bundle'),
          422: error('neither or both of itemCode and bundleCode; an ID number the caller may not use'),
        },
      },
    },
    '/cases/{caseNo}': {
      get: {
        summary: 'A case with its status and timeline',
        security: bearer,
        parameters: caseParam,
        responses: { 200: { description: 'the case', content: json({ $ref: '#/components/schemas/Case' }) }, 404: error('no such case visible to the caller') },
      },
    },
    '/cases/{caseNo}/resubmission': {
      post: {
        summary: '补正: hand the whole application in again after a correction notice; checked like a submission, then accepted or not again',
        security: bearer,
        parameters: caseParam,
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/Resubmission' }) },
        responses: {
          200: answer('resubmitted; acceptance runs again', always({ caseNo: text, status: { const: 'submitted' } })),
          404: error('no such case of the caller'),
          409: error('the case is not waiting for a correction'),
          422: error('invalid form, material or attachment'),
        },
      },
    },
    '/cases/{caseNo}/materials': {
      post: {
        summary: '容缺: hand in materials accepted as deferred; with the last one the result may be issued',
        security: bearer,
        parameters: caseParam,
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/Supply' }) },
        responses: {
          200: {
            description: 'recorded',
            content: json(always({ caseNo: text, complete: { type: 'boolean', description: 'every deferred material is in' } })),
          },
          404: error('no such case of the caller'),
          409: error('the case owes no deferred material'),
          422: error('a material the case does not owe, or an invalid attachment'),
        },
      },
    },
    '/cases/{caseNo}/tracking': {
      get: {
        summary:
          "办件跟踪: the case's process instance and every instance it called (acceptance, a bundle's items), each with its BPMN XML and its finished and current activity ids, and the open steps in words",
        security: bearer,
        parameters: caseParam,
        responses: { 200: answer('the tracking', tracking), 404: error('no such case visible to the caller') },
      },
    },
    '/cases/{caseNo}/resume': caseOperation(
      'Ends a suspension (reviewer or leader of the department): the due dates move by the working days it took',
      reason,
      'the case is not suspended',
      always({ caseNo: text, workingDays: { type: 'integer', description: 'the working days the suspension took' }, promisedDueAt: nullable('date-time') }),
    ),
    '/cases/{caseNo}/withdraw': caseOperation(
      '撤回 by the applicant (or the window clerk): before acceptance only; the process is deleted',
      reason,
      'accepted or closed already',
      always({ caseNo: text, status: { const: 'withdrawn' } }),
    ),
    '/cases/{caseNo}/files/{attachmentId}': {
      get: {
        summary:
          'A file of the case, shown inline (its own type, RFC 5987 name): a submitted material, or for staff a file a reviewer added; for whoever may see the case',
        security: bearer,
        parameters: [...caseParam, { name: 'attachmentId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: {
            description: 'the file (PDF, JPEG or PNG)',
            content: Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
          },
          404: error('no such case visible to the caller, or no such file of it'),
        },
      },
    },
    ...publicLookupPaths(clean),
  };
}
