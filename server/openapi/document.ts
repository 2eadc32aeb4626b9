import { describeAccess, type Access } from '../http/access.ts';
import type { DeclaredRoute } from '../http/route-table.ts';
import { error, json, type Paths, type Schemas } from './helpers.ts';
import { authPaths } from '../auth/openapi.ts';
import { catalogPaths, catalogSchemas } from '../catalog/openapi.ts';
import { bundlePaths, bundleSchemas } from '../catalog/bundles.openapi.ts';
import { calendarPaths } from '../calendar/openapi.ts';
import { attachmentPaths, attachmentSchemas } from '../attachments/openapi.ts';
import { casePaths, caseSchemas } from '../cases/openapi.ts';
import { notificationPaths } from '../notifications/openapi.ts';
import { inboxPaths, inboxSchemas } from '../inbox/openapi.ts';
import { paymentPaths } from '../payments/openapi.ts';
import { deliveryPaths, deliverySchemas } from '../deliveries/openapi.ts';
import { sealPaths, sealSchemas } from '../seals/openapi.ts';
import { eLicensePaths, eLicenseSchemas } from '../e-licenses/openapi.ts';
import { ratingPaths } from '../ratings/openapi.ts';
import { recognitionPaths } from '../recognition/openapi.ts';
import { problemsPaths } from '../problems/index.ts';
import { staffPaths } from '../staff/openapi.ts';
import { organizationPaths, organizationSchemas } from '../organization/index.ts';
import { formPaths } from '../forms/openapi.ts';
import { decisionPaths, modelerPaths } from '../modeler/openapi.ts';
import { livePaths } from '../live/openapi.ts';
import { healthPaths } from '../health/openapi.ts';
import { auditPaths } from '../audit/openapi.ts';
import { operationsPaths, operationsSchemas } from '../operations/index.ts';
import { reportingPaths, reportingSchemas } from '../reporting/index.ts';
import { publicBoardPaths, supervisionPaths } from '../supervision/index.ts';
import { sharedDataPaths } from '../shared-data/index.ts';
import { proactivePaths } from '../proactive/index.ts';
import { queuePaths } from '../queue/index.ts';
import { appointmentsPaths } from '../appointments/index.ts';
import { onlineHelpPaths } from '../online-help/index.ts';
import { hallMapPaths } from '../hall-map/index.ts';

/** The document's own path. */
const documentPaths = (): Paths => ({
  '/openapi.json': {
    get: {
      summary: 'This document (OpenAPI 3.1); /api/docs shows it',
      responses: {
        200: {
          description: 'the document',
          content: json({ type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { const: '3.1.0' } } }),
        },
      },
    },
  },
});

/** One problem with one field (contract/problems.ts ProblemDetail): an error's details, and wherever else problems are listed (a correction's form problems). */
const problemDetailSchema = {
  type: 'object',
  required: ['field', 'message'],
  properties: {
    field: { type: 'string', description: 'the dotted path in the body (materials.2.code; "/" the body itself; path.id, query.from for the address)' },
    label: { type: 'string', description: "the field's title (Chinese), where its schema gives one" },
    message: { type: 'string', description: "the problem in the caller's language, the field named" },
    code: { type: 'string', description: 'where the problem has a stable code (blank, seal_dpi, signer_expired …)' },
  },
};

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'array', items: { $ref: '#/components/schemas/ProblemDetail' } },
      },
    },
  },
};

/** An express path as OpenAPI writes it: /cases/:caseNo → /cases/{caseNo}. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The domains' paths, one path item per path: two domains may share a path, never an operation. */
function mergePaths(contributions: Paths[]): Paths {
  const merged: Paths = {};
  for (const paths of contributions) {
    for (const [path, operations] of Object.entries(paths)) {
      const item = (merged[path] ??= {});
      for (const [method, operation] of Object.entries(operations)) {
        if (item[method]) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} is described twice`);
        item[method] = operation;
      }
    }
  }
  // a path two domains share lists its operations in the usual order (GET /bundles/{code} before PUT)
  const order = (method: string) => METHODS.indexOf(method) + 1 || METHODS.length + 1;
  return Object.fromEntries(
    Object.entries(merged).map(([path, item]) => [path, Object.fromEntries(Object.entries(item).sort(([a], [b]) => order(a) - order(b)))]),
  );
}

function mergeSchemas(contributions: Schemas[]): Schemas {
  const merged: Schemas = {};
  for (const schemas of contributions) {
    for (const [name, schema] of Object.entries(schemas)) {
      if (merged[name]) throw new Error(`OpenAPI: the schema ${name} is defined twice`);
      merged[name] = schema;
    }
  }
  return merged;
}

type Responses = Record<string, object>;

/**
 * What the transport and the guards of a route's access answer before the route: any request 400
 * for a malformed percent-encoding or a control character in its path or query (and a JSON body
 * that does not parse or holds a NUL); a signed-in route 401 (no token, an invalid or expired one,
 * an ended session), a route for some roles 403 to the others, the engine's route 401 to anyone
 * else. An operation that says more of one of these keeps its own words.
 */
function impliedResponses(access: Access, operation: { requestBody?: { content?: object } }): Responses {
  const jsonBody = access.kind !== 'signed-message' && operation.requestBody?.content !== undefined && 'application/json' in operation.requestBody.content;
  const implied: Responses = {
    400: error(
      `a malformed percent-encoding or a control character in the path or query${jsonBody ? ', or a body that is not valid JSON or holds a NUL' : ''}`,
    ),
  };
  if (access.kind === 'signed-in') implied[401] = error('not signed in, or the token is invalid or expired, or its session ended');
  if (access.kind === 'signed-in' && access.roles) implied[403] = error(`only for ${access.roles.join(', ')}`);
  if (access.kind === 'engine') implied[401] = error("not the engine's service account");
  return implied;
}

/**
 * Each described operation of a declared route gets its declared access, as x-access ("public",
 * "roles: admin" …), and the answers its access and body imply.
 */
function withAccess(paths: Paths, routes: readonly DeclaredRoute[]): Paths {
  const out: Paths = Object.fromEntries(Object.entries(paths).map(([path, item]) => [path, { ...item }]));
  for (const route of routes) {
    const item = out[openApiPath(route.path)];
    const operation = item?.[route.method] as { responses?: Responses; requestBody?: { content?: object } } | undefined;
    if (!operation) continue;
    const responses = { ...impliedResponses(route.access, operation), ...operation.responses };
    item![route.method] = { ...operation, responses, 'x-access': describeAccess(route.access) };
  }
  return out;
}

/**
 * The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json: each domain describes
 * its routes (server/<domain>/openapi.ts); `routes` are the routes as declared (routesOf(app)),
 * whose access each operation shows. test/unit/openapi-coverage.test.ts holds the two together.
 */
export function openApiDocument(routes: readonly DeclaredRoute[]) {
  const paths = mergePaths([
    documentPaths(),
    healthPaths(),
    authPaths(),
    catalogPaths(),
    bundlePaths(),
    calendarPaths(),
    formPaths(),
    modelerPaths(),
    decisionPaths(),
    livePaths(),
    paymentPaths(),
    attachmentPaths(),
    casePaths(),
    notificationPaths(),
    deliveryPaths(),
    inboxPaths(),
    sealPaths(),
    eLicensePaths(),
    ratingPaths(),
    recognitionPaths(),
    problemsPaths(),
    staffPaths(),
    organizationPaths(),
    auditPaths(),
    operationsPaths(),
    reportingPaths(),
    supervisionPaths(),
    sharedDataPaths(),
    proactivePaths(),
    queuePaths(),
    appointmentsPaths(),
    onlineHelpPaths(),
    hallMapPaths(),
    publicBoardPaths(),
  ]);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Approval platform API',
      version: '1.0.0',
      description:
        "Service items (事项) and bundles (一件事) handled as BPMN processes. Errors are `{error: {code, message, details?}}` in the language of Accept-Language (zh-CN by default, en). Live notifications: socket.io at path /api/v1/socket.io, handshake `auth: {token}`, events `notification` and `task` (created, claimed, unclaimed, transferred, completed, deleted: only to the users who may see the task). Each operation's `x-access` says who may call it: public, signed-in, roles: …, signed-message (an outside system's notification, verified by its signature) or engine.",
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        engineBasic: { type: 'http', scheme: 'basic', description: "the engine's service account (POST /engine-events only)" },
      },
      schemas: mergeSchemas([
        { Error: errorSchema, ProblemDetail: problemDetailSchema },
        catalogSchemas(),
        organizationSchemas(),
        bundleSchemas(),
        caseSchemas(),
        inboxSchemas(),
        deliverySchemas(),
        sealSchemas(),
        eLicenseSchemas(),
        attachmentSchemas(),
        operationsSchemas(),
        reportingSchemas(),
      ]),
    },
    paths: withAccess(paths, routes),
  };
}
