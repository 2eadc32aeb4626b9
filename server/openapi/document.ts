import { completionSchema, inboxQuerySchema } from '../inbox/tasks.service.ts';
import { copySchema, handOverSchema, reasonSchema, resolveSchema, reviewAttachmentSchema } from '../inbox/task-operations.ts';
import { suspendSchema } from '../cases/suspension.service.ts';
import { deputySchema } from '../inbox/deputies.ts';
import { itemEditSchema } from '../catalog/catalog-editing.ts';
import { resubmissionSchema, submissionSchema, supplySchema } from '../cases/submission-schema.ts';
import { CASE_STATUSES } from '../cases/case-status.ts';
import { revocationSchema } from '../e-licenses/e-license-revocation.ts';
import { deliveryChoiceSchema } from '../deliveries/delivery-choice-schema.ts';
import { handoverSchema } from '../deliveries/handover.ts';
import { modelerPaths } from '../modeler/openapi.ts';
import { ratingPaths } from '../ratings/openapi.ts';
import { staffPaths } from '../staff/openapi.ts';
import { formPaths } from '../forms/openapi.ts';
import { publicLookupPaths } from '../cases/public-lookup.ts';

const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const bearer = [{ bearerAuth: [] }];
const saved = { type: 'object', properties: { code: { type: 'string' }, version: { type: 'integer' }, isNew: { type: 'boolean' } } };
const baseVersionParam = { name: 'baseVersion', in: 'query', schema: { type: 'integer', minimum: 0 }, description: 'the version the editor read (0: a new code, which must not exist); absent: not checked against saves meanwhile' };

/** Strips our own keywords (x-title-en …) so the document is plain OpenAPI 3.1. */
function clean(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(clean);
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(Object.entries(schema).filter(([k]) => !k.startsWith('x-')).map(([k, v]) => [k, clean(v)]));
  }
  return schema;
}

const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const caseParam = [{ name: 'caseNo', in: 'path', required: true, schema: { type: 'string' } }];

function taskOperation(summary: string, body: object | undefined) {
  return {
    post: {
      summary,
      security: bearer,
      parameters: idParam,
      ...(body ? { requestBody: { required: true, content: json(clean(body) as object) } } : {}),
      responses: { 200: { description: 'done, recorded on the case timeline' }, 404: error('no such task visible to the caller'), 409: error('not the holder, or the task is delegated'), 422: error('a reason missing, or a person or step that cannot take it') },
    },
  };
}

function caseOperation(summary: string, body: object, conflictWhen: string) {
  return {
    post: {
      summary,
      security: bearer,
      parameters: caseParam,
      requestBody: { required: true, content: json(clean(body) as object) },
      responses: { 200: { description: 'done, recorded on the case timeline' }, 404: error('no such case of the caller'), 409: error(conflictWhen), 422: error('a reason missing'), 429: error('urged too often') },
    },
  };
}

/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Approval platform API',
      version: '1.0.0',
      description: 'Service items (事项) and bundles (一件事) handled as BPMN processes. Errors are `{error: {code, message, details?}}` in the language of Accept-Language (zh-CN by default, en). Live notifications: socket.io at path /api/v1/socket.io, handshake `auth: {token}`, events `notification` and `task` (created, claimed, unclaimed, transferred, completed, deleted: only to the users who may see the task).',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                details: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, label: { type: 'string' }, message: { type: 'string' }, code: { type: 'string', description: 'where the problem has a stable code (seal_dpi, signer_expired …)' } } } },
              },
            },
          },
        },
        CaseStatus: { type: 'string', enum: Object.keys(CASE_STATUSES) },
        Submission: clean(submissionSchema),
        Resubmission: clean(resubmissionSchema),
        Supply: clean(supplySchema),
        Completion: clean(completionSchema),
        DeliveryChoice: clean(deliveryChoiceSchema),
        Delivery: {
          type: 'object',
          description: '送达: an item case of a bundle shows its bundle\'s delivery (deliveredWith); pickup.code and the whole recipient phone only to the applicant',
          properties: {
            caseNo: { type: 'string' }, deliveredWith: { type: ['string', 'null'] },
            method: { enum: ['logistics', 'pickup', 'electronic'] }, methodLabel: { type: 'string' }, chosen: { type: 'boolean' }, started: { type: 'boolean' },
            status: { enum: ['preparing', 'in_transit', 'delivered', 'returned', null] }, statusLabel: { type: ['string', 'null'] },
            recipient: { type: ['object', 'null'] }, shipmentNo: { type: ['string', 'null'] }, waybillNo: { type: ['string', 'null'] },
            tracking: { type: 'array', items: { type: 'object', properties: { event: { type: 'string' }, at: { type: 'string' }, note: { type: ['string', 'null'] } } } },
            pickup: { type: ['object', 'null'], properties: { atWindow: { type: 'boolean' }, code: { type: ['string', 'null'] } } },
            deliveredAt: { type: ['string', 'null'] }, handedOverBy: { type: ['string', 'null'] },
            documents: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, caseNo: { type: 'string' }, kind: { type: 'string' }, title: { type: 'string' }, sha256: { type: 'string' }, size: { type: 'integer' }, signedAt: { type: 'string' }, url: { type: 'string' } } } },
          },
        },
        Seal: {
          type: 'object',
          properties: {
            id: { type: 'integer' }, departmentCode: { type: 'string' }, departmentName: { type: ['string', 'null'] }, name: { type: 'string' },
            certificate: { type: 'object', properties: { subject: { type: 'string' }, serial: { type: 'string' }, validFrom: { type: 'string' }, validUntil: { type: 'string' } } },
            users: { type: 'array', items: { type: 'string' } }, active: { type: 'boolean' }, createdBy: { type: 'string' }, createdAt: { type: 'string' }, imageUrl: { type: 'string' },
          },
        },
        ELicense: {
          type: 'object',
          properties: {
            id: { type: 'integer' }, type: { type: 'string' }, number: { type: 'string' }, name: { type: 'string' },
            holder: { type: 'object', properties: { idNo: { type: 'string' }, name: { type: 'string' } } }, data: { type: 'object' },
            validFrom: { type: 'string' }, validUntil: { type: ['string', 'null'] },
            status: { enum: ['in_force', 'revoked', 'expired', 'not_yet_valid'] }, statusLabel: { type: 'string' },
            revokedAt: { type: ['string', 'null'] }, revokedReason: { type: ['string', 'null'] }, revokedBy: { type: ['string', 'null'], description: 'administrators only' }, issuedByCaseNo: { type: ['string', 'null'] },
          },
        },
        Attachment: {
          type: 'object',
          properties: { id: { type: 'string', format: 'uuid' }, originalName: { type: 'string' }, mimeType: { type: 'string' }, sizeBytes: { type: 'integer' }, sha256: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } },
        },
        Task: {
          type: 'object',
          properties: {
            id: { type: 'string' }, name: { type: 'string' }, taskDefinitionKey: { type: 'string' }, created: { type: 'string' }, due: { type: ['string', 'null'] },
            assignee: { type: ['string', 'null'] }, caseNo: { type: 'string' }, itemCode: { type: 'string' }, itemName: { type: 'string' }, applicantName: { type: 'string' }, channel: { type: 'string' }, caseStatus: { $ref: '#/components/schemas/CaseStatus' },
            caseDueAt: { type: ['string', 'null'], description: "the case's promised due time (承诺时限); the list is sorted by it" },
            deadlineColour: { enum: ['green', 'yellow', 'red', null], description: '超期预警' },
          },
        },
        Case: {
          type: 'object',
          properties: {
            caseNo: { type: 'string', description: '办件编码: region(6) + date YYYYMMDD (Asia/Shanghai) + daily sequence(6); an item case of a bundle adds -NN' },
            kind: { enum: ['item', 'bundle'] },
            item: { type: 'object', description: "the item's code, version and name; for a bundle case the bundle's", properties: { code: { type: 'string' }, version: { type: 'integer' }, name: { type: 'string' } } },
            items: {
              type: 'array',
              description: "a bundle case's item cases, each decided by its own department",
              items: { type: 'object', properties: { caseNo: { type: 'string' }, itemCode: { type: 'string' }, name: { type: 'string' }, departmentCode: { type: 'string' }, status: { $ref: '#/components/schemas/CaseStatus' }, statusLabel: { type: 'string' }, promisedDueAt: { type: ['string', 'null'] } } },
            },
            answers: { type: 'object', description: "a bundle case's scenario answers" },
            onItemRejected: { enum: ['refuse_bundle', 'continue'], description: "a bundle case's rule for a refused item" },
            bundleCaseNo: { type: ['string', 'null'], description: 'for an item case of a bundle: the bundle case' },
            commitments: { type: 'array', description: '告知承诺 (kind replacement) and 容缺 deferrals (kind deferral, with dueAt and fulfilledAt)', items: { type: 'object' } },
            status: { $ref: '#/components/schemas/CaseStatus' },
            statusLabel: { type: 'string' },
            final: { type: 'boolean' },
            channel: { type: 'string' },
            applicant: { type: 'object' },
            form: { type: 'object' },
            materials: { type: 'array', items: { type: 'object' } },
            opinions: { type: 'array', items: { type: 'object' } },
            deadline: {
              type: ['object', 'null'],
              description: 'from acceptance: promised (承诺) and statutory (法定) due times in working days, and the warning colour',
              properties: { acceptedAt: { type: 'string' }, promisedDueAt: { type: 'string' }, statutoryDueAt: { type: 'string' }, colour: { enum: ['green', 'yellow', 'red', null] } },
            },
            timeline: { type: 'array', items: { type: 'object', properties: { at: { type: 'string' }, type: { type: 'string' }, label: { type: 'string' }, actor: { type: 'string' }, detail: { type: 'object' } } } },
          },
        },
      },
    },
    paths: {
      ...modelerPaths(),
      ...ratingPaths(),
      ...staffPaths(),
      ...publicLookupPaths(clean),
      ...formPaths(),
      '/health': { get: { summary: 'Engine and database status', responses: { 200: { description: 'all up' }, 503: { description: 'engine or database down' } } } },
      '/auth/login': {
        post: {
          summary: 'Log in; returns a short-lived bearer token',
          requestBody: { required: true, content: json({ type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } }) },
          responses: { 200: { description: 'token and user' }, 401: error('wrong user name or password'), 422: error('malformed body'), 429: error('too many attempts') },
        },
      },
      '/auth/me': { get: { summary: 'The caller, with roles and engine groups', security: bearer, responses: { 200: { description: 'the caller' }, 401: error('not logged in') } } },
      '/items': { get: { summary: 'The catalog of service items (latest versions)', responses: { 200: { description: 'items' } } } },
      '/items/{code}': {
        get: {
          summary: 'One item with its 12 elements, form schema and required materials',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the item' }, 404: error('no such item') },
        },
        put: {
          summary: 'Save an item (analyst, admin): checked like processes/ at start-up (definition, catalog materials, situations, department, promised days within the statutory days, titled form, process deployed, stepDays and stepFields naming its user tasks and form fields, every bundle with it still merging), stored as a new version; cases keep theirs',
          security: bearer,
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }, baseVersionParam],
          requestBody: { required: true, content: json(clean(itemEditSchema) as object) },
          responses: {
            201: { description: 'a new version', content: json(saved) }, 200: { description: 'unchanged: the latest version has this content', content: json(saved) },
            401: error('not logged in'), 403: error('not an analyst or administrator'), 409: error('baseVersion is not the latest version: someone saved meanwhile (catalog_version_stale)'), 422: error('what is wrong, by field (baseVersion 0 with a code taken: at definition.code); nothing stored'),
          },
        },
      },
      '/catalog/editor-options': {
        get: { summary: 'The closed lists an item definition chooses from (analyst, admin): departments (localised names), item types, channels, result kinds', security: bearer, responses: { 200: { description: '{departments, itemTypes, channels, resultKinds}' }, 401: error('not logged in'), 403: error('not an analyst or administrator') } },
      },
      '/catalog/items': {
        get: {
          summary: 'The items for the catalog editor (analyst, admin): latest versions with their process keys',
          security: bearer,
          parameters: [{ name: 'processKey', in: 'query', schema: { type: 'string' }, description: 'only the items bound to this process' }],
          responses: { 200: { description: '{total, items: [{code, version, name, nameEn, departmentCode, processKey, promisedDays, statutoryDays}]}' }, 401: error('not logged in'), 403: error('not an analyst or administrator') },
        },
      },
      '/catalog/items/{code}': {
        get: {
          summary: 'An item as the editor edits it (analyst, admin): {code, version, source, editedBy, savedAt, definition, formSchema}, the definition in the shape PUT /items/{code} takes (item.json: materials as catalog references)',
          security: bearer,
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the item\'s latest version' }, 401: error('not logged in'), 403: error('not an analyst or administrator'), 404: error('no such item') },
        },
      },
      '/catalog/bundles/{code}': {
        get: {
          summary: 'A bundle as the editor edits it (analyst, admin): {code, version, definition}, the definition as PUT /bundles/{code} takes it (bundle.json)',
          security: bearer,
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the bundle\'s latest version' }, 401: error('not logged in'), 403: error('not an analyst or administrator'), 404: error('no such bundle') },
        },
      },
      '/modeler/processes': {
        get: {
          summary: 'The newest deployed version of every process whose key starts with the prefix (analyst, admin): what an item may run on, deployed at start-up or from the modeler',
          security: bearer,
          parameters: [{ name: 'prefix', in: 'query', schema: { type: 'string', default: 'item_' } }],
          responses: { 200: { description: '{total, processes: [{key, name, version, processDefinitionId, platform, draftId}]}' }, 401: error('not logged in'), 403: error('not an analyst or administrator'), 422: error('a malformed prefix') },
        },
      },
      '/catalog/materials': { get: { summary: 'The material catalog (材料目录): formats, e-license replacement, whether 容缺 tolerates it', responses: { 200: { description: 'materials' } } } },
      '/bundles': { get: { summary: 'The catalog of bundles (一件事)', responses: { 200: { description: 'bundles' } } } },
      '/bundles/{code}': {
        get: {
          summary: 'A bundle: its scenario questionnaire, items, merged form (一表申请), deduplicated materials (一套材料), the saving against applying item by item, and its guide (一次告知)',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the bundle' }, 404: error('no such bundle') },
        },
        put: {
          summary: 'Save a bundle (analyst, admin): checked against the current items like bundle.json at start-up, stored as a new version',
          security: bearer,
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }, baseVersionParam],
          requestBody: { required: true, content: json({ type: 'object', description: 'the bundle definition, as bundle.json' }) },
          responses: {
            201: { description: 'a new version', content: json(saved) }, 200: { description: 'unchanged', content: json(saved) },
            401: error('not logged in'), 403: error('not an analyst or administrator'), 409: error('baseVersion is not the latest version: someone saved meanwhile (catalog_version_stale)'), 422: error('what is wrong; nothing stored'),
          },
        },
      },
      '/bundles/{code}/plan': {
        post: {
          summary: '场景式导航: answers to the questionnaire decide which items apply; returns their merged form, materials, saving and guide',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: json({ type: 'object', required: ['answers'], properties: { answers: { type: 'object', additionalProperties: { type: ['boolean', 'string'] } } } }) },
          responses: { 200: { description: 'the applicable items, merged' }, 404: error('no such bundle'), 422: error('a question unanswered, an unknown question or an answer it cannot take') },
        },
      },
      '/calendar/due': {
        get: {
          summary: 'Due time of a period of working days: the start day is not counted; due at the end (Asia/Shanghai) of the n-th working day after it, on the official holiday calendar with make-up workdays (调休) and the overrides',
          parameters: [
            { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date-time' } },
            { name: 'workingDays', in: 'query', required: true, schema: { type: 'integer', minimum: 0, maximum: 999 } },
            { name: 'region', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'due (UTC), dueLocal (+08:00), dueDay; provisional when a year has no official calendar yet' }, 422: error('bad from or workingDays') },
        },
      },
      '/calendar/{year}': {
        get: {
          summary: "A year's holidays and make-up workdays",
          parameters: [{ name: 'year', in: 'path', required: true, schema: { type: 'integer' } }, { name: 'region', in: 'query', required: false, schema: { type: 'string' } }],
          responses: { 200: { description: 'holidays and make-up workdays' }, 404: error('no such year') },
        },
      },
      '/calendar/overrides/{day}': {
        put: {
          summary: 'Administrators: declare a day a holiday or a workday (everywhere, or in one region)',
          security: bearer,
          parameters: [{ name: 'day', in: 'path', required: true, schema: { type: 'string', format: 'date' } }],
          requestBody: { required: true, content: json({ type: 'object', required: ['kind', 'name'], properties: { kind: { enum: ['holiday', 'workday'] }, name: { type: 'string' }, region: { type: 'string' } } }) },
          responses: { 200: { description: 'set' }, 403: error('not an administrator'), 422: error('bad day or body') },
        },
        delete: {
          summary: 'Administrators: remove an override',
          security: bearer,
          parameters: [{ name: 'day', in: 'path', required: true, schema: { type: 'string', format: 'date' } }, { name: 'region', in: 'query', required: false, schema: { type: 'string' } }],
          responses: { 204: { description: 'removed' }, 404: error('no such override') },
        },
      },
      '/attachments': {
        post: {
          summary: 'Upload one material file (PDF, JPG or PNG, judged by content); returns its id and SHA-256',
          security: bearer,
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } } },
          responses: { 201: { description: 'stored', content: json({ $ref: '#/components/schemas/Attachment' }) }, 400: error('no file or malformed upload'), 413: error('too large'), 415: error('type not allowed or content does not match the name') },
        },
      },
      '/cases': {
        post: {
          summary: 'Submit a case for an item (itemCode) or a bundle (bundleCode + answers: 一表申请, 一套材料); starts its process',
          security: bearer,
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' }, description: 'a repeat with the same key returns the first case (200) instead of creating another' }],
          requestBody: { required: true, content: json({ $ref: '#/components/schemas/Submission' }) },
          responses: {
            201: { description: 'created', content: json({ type: 'object', properties: { caseNo: { type: 'string' }, status: { type: 'string' } } }) },
            200: { description: 'replayed: the case of an earlier request with the same Idempotency-Key' },
            401: error('not logged in'), 403: error('not an applicant or clerk'), 422: error('invalid form, unknown item or bundle, incomplete answers, unknown material or attachment, a deferral or commitment the catalog does not allow'), 503: error('engine unavailable; nothing saved'),
          },
        },
      },
      '/prefill': {
        get: {
          summary: 'What is known of an applicant for a new item or bundle: form values and materials from their earlier cases (前序流程已收取的材料不需提交); the attachment ids may be named again in POST /cases',
          security: bearer,
          parameters: [
            { name: 'itemCode', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'bundleCode', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'idNo', in: 'query', required: false, schema: { type: 'string' }, description: "the applicant's ID number: required for a clerk, must be the account's own for an applicant" },
          ],
          responses: { 200: { description: 'form values, their source cases, reusable materials' }, 404: error('no such item or bundle'), 422: error('neither or both of itemCode and bundleCode; an ID number the caller may not use') },
        },
      },
      '/cases/{caseNo}': {
        get: {
          summary: 'A case with its status and timeline',
          security: bearer,
          parameters: [{ name: 'caseNo', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the case', content: json({ $ref: '#/components/schemas/Case' }) }, 404: error('no such case visible to the caller') },
        },
      },
      '/cases/{caseNo}/resubmission': {
        post: {
          summary: '补正: hand the whole application in again after a correction notice; checked like a submission, then accepted or not again',
          security: bearer,
          parameters: [{ name: 'caseNo', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: json({ $ref: '#/components/schemas/Resubmission' }) },
          responses: { 200: { description: 'resubmitted; acceptance runs again' }, 404: error('no such case of the caller'), 409: error('the case is not waiting for a correction'), 422: error('invalid form, material or attachment') },
        },
      },
      '/cases/{caseNo}/materials': {
        post: {
          summary: '容缺: hand in materials accepted as deferred; with the last one the result may be issued',
          security: bearer,
          parameters: [{ name: 'caseNo', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: json({ $ref: '#/components/schemas/Supply' }) },
          responses: {
            200: { description: 'recorded', content: json({ type: 'object', properties: { caseNo: { type: 'string' }, complete: { type: 'boolean', description: 'every deferred material is in' } } }) },
            404: error('no such case of the caller'), 409: error('the case owes no deferred material'), 422: error('a material the case does not owe, or an invalid attachment'),
          },
        },
      },
      '/tasks': {
        get: {
          summary: "The caller's tasks and the unclaimed tasks of the caller's department roles, most urgent first, filtered; counts per filter value over the whole inbox",
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
      '/tasks/{id}/delegate': taskOperation('委派: the holder has a colleague of the same role do the task; the delegate resolves it back, the holder completes it', handOverSchema),
      '/tasks/{id}/resolve': taskOperation('The delegate hands a delegated task back to its owner with an opinion', resolveSchema),
      '/tasks/{id}/copy': taskOperation('抄送: staff named may read the case (not act on it) and are notified', copySchema),
      '/tasks/{id}/send-back': taskOperation('退回: back to an earlier step of the same process instance that ran (to: its activity id), assigned to who did it; parallel branches go on', handOverSchema),
      '/cases/{caseNo}/tracking': {
        get: {
          summary: '办件跟踪: the case\'s process instance and every instance it called (acceptance, a bundle\'s items), each with its BPMN XML and its finished and current activity ids, and the open steps in words',
          security: bearer,
          parameters: caseParam,
          responses: { 200: { description: 'the tracking' }, 404: error('no such case visible to the caller') },
        },
      },
      '/tasks/{id}/add-signer': taskOperation('加签: a holder of a running 会签/或签 adds a reviewer of the department (to: user name)', handOverSchema),
      '/tasks/{id}/remove-signer': taskOperation('减签: a holder of a running 会签/或签 removes a reviewer who has not signed yet; one always stays', handOverSchema),
      '/tasks/{id}/attachments': taskOperation('The holder adds a file of their own upload to the case during review (site photos, reports); staff see it in the case', reviewAttachmentSchema),
      '/tasks/{id}/suspend': taskOperation('特别程序 (行政许可法 Art. 45): the holder stops the case\'s clock for a hearing, testing, expert review …, with a reason; the applicant is told; nothing can be completed until it resumes', suspendSchema),
      '/cases/{caseNo}/resume': caseOperation('Ends a suspension (reviewer or leader of the department): the due dates move by the working days it took', reasonSchema, 'the case is not suspended'),
      '/me/deputy': {
        get: { summary: "Out-of-office: the caller's deputy and whom the caller stands in for", security: bearer, responses: { 200: { description: 'the setting' } } },
        put: {
          summary: 'Names a deputy of the same department role for a period (at most 90 days); the deputy sees the caller\'s assigned tasks and takes them over by claiming',
          security: bearer,
          requestBody: { required: true, content: json(clean(deputySchema) as object) },
          responses: { 200: { description: 'the setting' }, 422: error('no such colleague, oneself, another role, or a period that is over, reversed or too long') },
        },
        delete: { summary: 'Ends the out-of-office setting', security: bearer, responses: { 200: { description: 'the setting' } } },
      },
      '/copies': { get: { summary: 'The cases copied to the caller (抄送)', security: bearer, responses: { 200: { description: 'copies' } } } },
      '/cases/{caseNo}/withdraw': caseOperation('撤回 by the applicant (or the window clerk): before acceptance only; the process is deleted', reasonSchema, 'accepted or closed already'),
      '/cases/{caseNo}/take-back': caseOperation("撤回 by staff: takes back the caller's last step while the step it led to is unclaimed", reasonSchema, 'the next step was claimed or the case moved on'),
      '/cases/{caseNo}/urge': caseOperation('催办: notifies the holders of the open tasks; one urge per person and case every 10 minutes (429 otherwise)', { type: 'object' }, 'no open task'),
      '/engine-events': { post: { summary: 'Task events from the engine plugin (engine only: HTTP basic with the engine service account); pushed on to open inboxes', responses: { 200: { description: 'received and sent counts' }, 401: { description: 'not the engine' }, 422: { description: 'malformed events' } } } },
      '/notifications': { get: { summary: "The caller's notifications (催办, 转办, 委派, 抄送, 退回 …), newest first, with the unread count", security: bearer, responses: { 200: { description: 'notifications' } } } },
      '/notifications/read': { post: { summary: "Marks the caller's notifications read", security: bearer, responses: { 200: { description: 'how many' } } } },
      '/cases/{caseNo}/delivery': {
        get: {
          summary: '送达: how the results reach the applicant (logistics with tracking, window pickup, electronic) and the documents they carry',
          security: bearer,
          parameters: caseParam,
          responses: { 200: { description: 'the delivery', content: json({ $ref: '#/components/schemas/Delivery' }) }, 404: error('no such case visible to the caller') },
        },
        put: {
          summary: 'Choose the delivery (the applicant, or a window clerk) until it starts; logistics needs a recipient the carrier can reach. A bundle chooses for all its items (统一出件)',
          security: bearer,
          parameters: caseParam,
          requestBody: { required: true, content: json({ $ref: '#/components/schemas/DeliveryChoice' }) },
          responses: { 200: { description: 'chosen' }, 403: error('not an applicant or clerk'), 404: error('no such case of the caller'), 409: error('the delivery has started, the case closed without results, or an item case of a bundle'), 422: error('bad method, phone, address or name') },
        },
      },
      '/cases/{caseNo}/delivery/handover': {
        post: {
          summary: '窗口领取: a window clerk hands the results over on the pickup code the applicant received',
          security: bearer,
          parameters: caseParam,
          requestBody: { required: true, content: json(clean(handoverSchema) as object) },
          responses: { 200: { description: 'handed over; the case ends delivered' }, 403: error('not a clerk'), 404: error('no such case'), 409: error('already delivered or handed over, not at the window, or not awaited yet'), 422: error('wrong pickup code') },
        },
      },
      '/cases/{caseNo}/files/{attachmentId}': {
        get: {
          summary: "A file of the case, shown inline (its own type, RFC 5987 name): a submitted material, or for staff a file a reviewer added; for whoever may see the case",
          security: bearer,
          parameters: [...caseParam, { name: 'attachmentId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the file (PDF, JPEG or PNG)' }, 404: error('no such case visible to the caller, or no such file of it') },
        },
      },
      '/cases/{caseNo}/documents/{id}': {
        get: {
          summary: 'A sealed, signed result document (PDF, named by its Chinese title, RFC 5987): the applicant once the delivery has started, staff who may see the case; an item\'s documents also through its bundle',
          security: bearer,
          parameters: [...caseParam, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: { 200: { description: 'the PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, 404: error('no such case or document visible to the caller') },
        },
      },
      '/gateways/logistics/callback': {
        post: {
          summary: 'Tracking callbacks from the carrier (no bearer token: HMAC-SHA256 over the raw body, headers X-Carrier-Timestamp, X-Carrier-Nonce, X-Carrier-Signature). Every callback is kept; a repeated eventId changes nothing',
          requestBody: { required: true, content: json({ type: 'object', required: ['eventId', 'waybillNo', 'event', 'at', 'description'], properties: { eventId: { type: 'string' }, waybillNo: { type: 'string' }, shipmentNo: { type: 'string' }, event: { enum: ['collected', 'in_transit', 'delivered', 'returned'] }, at: { type: 'string', format: 'date-time' }, description: { type: 'string' } } }) },
          responses: {
            200: { description: '{ok: true} recorded or a duplicate; {ok: false, problem: "unknown_waybill"} for a waybill never booked here (kept, not acted on, answered 2xx so the carrier stops retrying)' },
            400: error('signed but not a callback'), 401: error('signature missing, invalid or outside the 5-minute window'), 503: { description: 'delivered before the case waits for it: retry later' },
          },
        },
      },
      '/seals': {
        post: {
          summary: '电子印章备案 (administrators): a seal image (PNG8, 2 colours, 600 DPI, true size, < 30 KB: seed 001) bound to a signing certificate (PKCS#12 upload, or issueSandboxCertificate=true in the embedded default or with SANDBOX_CA on) and who may use it. Every problem at once, each with a code (seal_dpi, signer_password, signer_expired, signer_not_issuer …); nothing stored on a 422. replace=true retires the department\'s active seals. Logged in the use log',
          security: bearer,
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['image', 'departmentCode', 'name', 'users'],
                  properties: {
                    image: { type: 'string', format: 'binary' }, certificate: { type: 'string', format: 'binary', description: '.p12/.pfx' }, password: { type: 'string', description: 'of the PKCS#12' },
                    departmentCode: { type: 'string' }, name: { type: 'string' },
                    users: { type: 'string', description: 'JSON array or comma list of usernames, "<department>:<role>" groups and system:seal (the seal worker)' },
                    issueSandboxCertificate: { type: 'boolean' }, replace: { type: 'boolean' },
                  },
                },
              },
            },
          },
          responses: { 201: { description: 'registered', content: json({ $ref: '#/components/schemas/Seal' }) }, 403: error('not an administrator'), 413: error('a file over 1 MB'), 422: error('every problem, with details[].code; nothing stored') },
        },
        get: {
          summary: 'The seals (administrators), newest first; never the certificate file or its password',
          security: bearer,
          parameters: [{ name: 'departmentCode', in: 'query', required: false, schema: { type: 'string' } }, { name: 'active', in: 'query', required: false, schema: { type: 'boolean' } }],
          responses: { 200: { description: 'seals', content: json({ type: 'object', properties: { seals: { type: 'array', items: { $ref: '#/components/schemas/Seal' } } } }) }, 403: error('not an administrator') },
        },
      },
      '/seals/{id}': { get: { summary: 'One seal (administrators)', security: bearer, parameters: idParam, responses: { 200: { description: 'the seal', content: json({ $ref: '#/components/schemas/Seal' }) }, 404: error('no such seal') } } },
      '/seals/{id}/image': { get: { summary: 'The seal image as stored (image/png)', security: bearer, parameters: idParam, responses: { 200: { description: 'the PNG', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } }, 404: error('no such seal') } } },
      '/seals/{id}/deactivate': {
        post: {
          summary: '停用: the seal signs nothing more; the seal worker takes the department\'s other active seal (or raises an incident when there is none). Logged',
          security: bearer,
          parameters: idParam,
          requestBody: { required: false, content: json({ type: 'object', properties: { reason: { type: 'string', maxLength: 150 } } }) },
          responses: { 200: { description: 'deactivated', content: json({ $ref: '#/components/schemas/Seal' }) }, 404: error('no such seal'), 409: error('deactivated already') },
        },
      },
      '/seals/{id}/users': {
        put: {
          summary: '授权变更: who may use the seal (usernames, "<department>:<role>" groups, system:seal); logged with who was added and removed',
          security: bearer,
          parameters: idParam,
          requestBody: { required: true, content: json({ type: 'object', required: ['users'], properties: { users: { type: 'array', items: { type: 'string' } } } }) },
          responses: { 200: { description: 'changed', content: json({ $ref: '#/components/schemas/Seal' }) }, 404: error('no such seal'), 409: error('the seal is deactivated'), 422: error('unknown users or groups') },
        },
      },
      '/seals/{id}/uses': {
        get: {
          summary: 'The seal\'s use log, newest first: every document it sealed (case, document, by whom) and every management action (启用, 停用, 授权变更, by which administrator)',
          security: bearer,
          parameters: [...idParam, { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }, { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } }],
          responses: {
            200: { description: 'uses', content: json({ type: 'object', properties: { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, uses: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string' }, purpose: { type: 'string' }, usedBy: { type: 'string' }, caseNo: { type: ['string', 'null'] }, documentId: { type: ['integer', 'null'] } } } } } }) },
            404: error('no such seal'), 422: error('bad limit or offset'),
          },
        },
      },
      '/e-licenses': {
        get: {
          summary: '电子证照库: administrators list anyone\'s licenses; an applicant only the licenses they hold (403 for another holder). Each with its status now: in_force, revoked, expired, not_yet_valid',
          security: bearer,
          parameters: [
            { name: 'holderIdNo', in: 'query', required: false, schema: { type: 'string' } }, { name: 'type', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'status', in: 'query', required: false, schema: { enum: ['in_force', 'revoked', 'expired', 'not_yet_valid'] } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }, { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
          ],
          responses: { 200: { description: '{total, limit, offset, licenses}', content: json({ type: 'object', properties: { total: { type: 'integer' }, licenses: { type: 'array', items: { $ref: '#/components/schemas/ELicense' } } } }) }, 403: error('another holder\'s licenses, or not an administrator or applicant'), 422: error('a bad filter') },
        },
      },
      '/e-licenses/{id}/revoke': {
        post: {
          summary: '电子证照注销 (administrators), with a reason: from now on the license exempts no material (intake refuses it, acceptance asks again) and is not offered for prefill',
          security: bearer,
          parameters: idParam,
          requestBody: { required: true, content: json(clean(revocationSchema) as object) },
          responses: { 200: { description: 'revoked', content: json({ $ref: '#/components/schemas/ELicense' }) }, 403: error('not an administrator'), 404: error('no such license'), 409: error('revoked already'), 422: error('no reason') },
        },
      },
      '/tasks/{id}/claim': {
        post: {
          summary: '签收: claim a task offered to one of the caller\'s groups',
          security: bearer,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'claimed' }, 404: error('no such task visible to the caller'), 409: error('claimed by someone else') },
        },
      },
      '/tasks/{id}/complete': {
        post: {
          summary: 'Complete a claimed task with an outcome and an opinion. Reviewers and leaders approve or reject; the window clerk\'s acceptance_review takes accepted / correction / not_accepted (the latter with reasons), recorded with its notice',
          security: bearer,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: json({ $ref: '#/components/schemas/Completion' }) },
          responses: { 200: { description: 'completed' }, 404: error('no such task visible to the caller'), 409: error('not claimed, claimed by someone else, or already completed'), 422: error('an outcome this task does not take, a refusal without reasons, or an empty opinion') },
        },
      },
    },
  };
}
