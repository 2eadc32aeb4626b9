import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Response, Test } from 'supertest';
import { openApiDocument } from '../../server/openapi/document.ts';
import { buildApp, routesOf } from '../../server/app.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';
import { testEnv } from './environment.ts';
import { personalDataProblem } from './personal-data-scan.ts';

/**
 * Every response the API tests receive from /api/v1 through `api()` (test/support/api.ts) is held
 * against the API document (server/openapi/document.ts): its status must be documented for the
 * operation (method + path template), and a JSON body is validated (ajv, JSON Schema 2020-12) against
 * the schema documented for that status. A path no operation has may only answer 404 (route_not_found)
 * or 400 (a malformed address) with the Error body. Files (PDF, PNG …) are checked by status and
 * content type only.
 *
 * The document is the one the running server serves: built from its declared routes, whose access
 * adds the 401 and 403 answers (server/openapi/document.ts).
 *
 * A mismatch fails the test that made the request. OPENAPI_RESPONSES=report writes them to
 * test-artifacts/<lane>/openapi-responses.jsonl (or OPENAPI_RESPONSES_FILE) instead, with the
 * JSON bodies no schema describes yet, to see every mismatch of a run at once.
 */

const API = '/api/v1';
const BASE = 'https://approval.invalid/openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

interface MediaType {
  schema?: object;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  responses?: Record<string, ResponseObject>;
}
interface Template {
  path: string;
  segments: (string | null)[];
  literals: number;
  operations: Record<string, Operation>;
}

interface Checker {
  templates: Template[];
  errorSchema: ValidateFunction;
  compiled: Map<string, ValidateFunction>;
}

/** #/components/schemas/X → the components' absolute id, so that a schema compiled alone resolves it. */
function absoluteRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(absoluteRefs) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${BASE}${v}` : absoluteRefs(v)]),
    ) as T;
  }
  return value;
}

let checker: Checker | undefined;
const schemaId = (method: string, path: string, status: string, mediaType: string) => `${method.toUpperCase()} ${path} ${status} ${mediaType}`;

function load(): Checker {
  if (checker) return checker;
  // the routes as the running server declares them: an app built on its context (not listening)
  const routes = routesOf(buildApp(testEnv().server.ctx));
  if (!routes.length) throw new Error("openapi-responses: the running server's routes were not found");
  const document = absoluteRefs(openApiDocument(routes)) as unknown as {
    components: Record<string, unknown>;
    paths: Record<string, Record<string, Operation>>;
  };
  // strict off: OpenAPI's own keywords (example, discriminator …) are not JSON Schema's
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats.default(ajv);
  // a file's format, and the formats of request schemas the server checks itself
  for (const format of ['binary', 'cn-id-card', 'cn-credit-code', 'cn-mobile', 'person-name']) ajv.addFormat(format, true);
  ajv.addSchema({ $id: BASE, components: document.components });
  const templates = Object.entries(document.paths).map(([path, item]) => {
    const segments = path
      .split('/')
      .slice(1)
      .map((s) => (/^\{\w+\}$/.test(s) ? null : s));
    const operations = Object.fromEntries(Object.entries(item).filter(([method]) => METHODS.includes(method))) as Record<string, Operation>;
    return { path, segments, literals: segments.filter((s) => s !== null).length, operations };
  });
  const compiled = new Map<string, ValidateFunction>();
  // every schema compiles now: a broken one fails the first request, naming itself
  for (const t of templates) {
    for (const [method, operation] of Object.entries(t.operations)) {
      for (const [key, response] of Object.entries(operation.responses ?? {})) {
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          if (!media.schema || !isJson(mediaType)) continue;
          const id = schemaId(method, t.path, key, mediaType);
          try {
            compiled.set(id, ajv.compile(media.schema));
          } catch (err) {
            throw new Error(`openapi-responses: the schema of ${id} does not compile: ${(err as Error).message}`, { cause: err });
          }
        }
      }
    }
  }
  checker = { templates, errorSchema: ajv.compile({ $ref: `${BASE}#/components/schemas/Error` }), compiled };
  return checker;
}

/** The documented path a request path is an instance of: the one with most literal segments (/catalog/items before /{x}/items). */
function templateOf(templates: Template[], path: string): Template | undefined {
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  const parts = path.split('/').slice(1).map(decode);
  const matches = templates.filter((t) => t.segments.length === parts.length && t.segments.every((s, i) => (s === null ? parts[i] !== '' : s === parts[i])));
  // on a tie the leftmost literal wins (/cases/public/x before /cases/{caseNo}/x)
  const rank = (t: Template) => t.segments.map((s) => (s === null ? '1' : '0')).join('');
  return matches.sort((a, b) => b.literals - a.literals || rank(a).localeCompare(rank(b)))[0];
}

/** The documented response for a status: exact, else its range (4XX), else default. */
function documentedResponse(operation: Operation, status: number): [string, ResponseObject] | undefined {
  const responses = operation.responses ?? {};
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
    const found = Object.entries(responses).find(([k]) => k.toUpperCase() === key.toUpperCase());
    if (found) return found;
  }
  return undefined;
}

const mediaTypeOf = (res: Response) =>
  String(res.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? [])
    .slice(0, 12)
    .map((e) => `${e.instancePath || '(body)'} ${e.message}${e.keyword === 'additionalProperties' ? ` (${JSON.stringify(e.params)})` : ''} [${e.schemaPath}]`)
    .join('; ');

const excerpt = (body: unknown) => {
  const text = JSON.stringify(body) ?? String(body);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
};

interface Finding {
  problem: string;
  /** a JSON body whose documented response has no schema: not a failure, only reported */
  undescribed?: boolean;
}

/** What is wrong with the response to `method url` by the API document; undefined when nothing is. */
export function responseProblem(method: string, url: string, res: Response): Finding | undefined {
  const { pathname } = new URL(url, 'http://localhost');
  if (!pathname.startsWith(`${API}/`)) return undefined;
  const path = pathname.slice(API.length);
  const { templates, errorSchema, compiled } = load();
  const template = templateOf(templates, path);
  const operation = template?.operations[method.toLowerCase()];
  const mediaType = mediaTypeOf(res);
  // a test that reads a download as bytes gets an error's JSON as bytes too
  let body: unknown = res.body;
  if (Buffer.isBuffer(body) && isJson(mediaType)) {
    try {
      body = JSON.parse(body.toString('utf8'));
    } catch {
      return { problem: `${method.toUpperCase()} ${path}: answered ${mediaType} that is not JSON` };
    }
  }
  if (!template || !operation) {
    // no such route: route_not_found, or a 400 for a malformed address before any route; the Error body
    if ((res.status === 404 || res.status === 400) && isJson(mediaType) && errorSchema(body)) return undefined;
    return { problem: `no documented operation, and the answer is ${res.status} ${excerpt(body)} ${describeErrors(errorSchema.errors)}` };
  }
  const where = `${method.toUpperCase()} ${template.path}`;
  const documented = documentedResponse(operation, res.status);
  if (!documented) {
    return {
      problem: `${where}: status ${res.status} is not documented (documented: ${Object.keys(operation.responses ?? {}).join(', ')}); body ${excerpt(body)}`,
    };
  }
  const [key, response] = documented;
  const content = response.content;
  if (res.status === 204 || res.status === 304 || method.toLowerCase() === 'head') return undefined;
  if (!content || Object.keys(content).length === 0) {
    return isJson(mediaType) ? { problem: `${where} ${key}: a JSON body, no schema documented: ${excerpt(body)}`, undescribed: true } : undefined;
  }
  const mediaKey = Object.keys(content).find((k) => {
    const [type, sub] = k.toLowerCase().split('/');
    const [rType, rSub] = mediaType.split('/');
    return (type === '*' || type === rType) && (sub === '*' || sub === rSub);
  });
  if (!mediaKey)
    return { problem: `${where} ${key}: content type ${mediaType || '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})` };
  const schema = content[mediaKey]!.schema;
  if (!isJson(mediaType) || !schema) return undefined;
  const validate = compiled.get(schemaId(method, template.path, key, mediaKey))!;
  if (validate(body)) return undefined;
  return { problem: `${where} ${key}: the body does not match its schema: ${describeErrors(validate.errors)}; body ${excerpt(body)}` };
}

const reportOnly = process.env.OPENAPI_RESPONSES === 'report';

function report(method: string, url: string, status: number, finding: Finding) {
  const file =
    process.env.OPENAPI_RESPONSES_FILE ??
    join(REPO_ROOT, 'test-artifacts', process.env.TEST_LANE ?? process.env.TEST_PROFILE ?? 'embedded', 'openapi-responses.jsonl');
  mkdirSync(dirname(file), { recursive: true });
  const { pathname } = new URL(url, 'http://localhost');
  appendFileSync(file, `${JSON.stringify({ method, path: pathname, status, ...finding })}\n`);
}

/**
 * Adds the checks to a request: they run when the response arrives, before the test's own
 * expectations: the answer is as documented, and it holds no personal data in full (./personal-data-scan.ts).
 */
export function checkedAgainstDocument(test: Test): Test {
  const { method, url } = test as unknown as { method: string; url: string };
  return test.expect((res: Response) => {
    const leak = personalDataProblem(test, res.body, res.type?.startsWith('application/json') || res.type?.startsWith('text/') ? res.text : undefined);
    if (leak) throw new Error(`${method.toUpperCase()} ${new URL(url, 'http://localhost').pathname} answered ${res.status}: ${leak}`);
    const finding = responseProblem(method, url, res);
    if (!finding) return;
    if (reportOnly) return report(method, url, res.status, finding);
    if (finding.undescribed) return;
    const { pathname } = new URL(url, 'http://localhost');
    throw new Error(`API document: ${method.toUpperCase()} ${pathname} answered ${res.status}: ${finding.problem}`);
  });
}

type Agent = Record<string, unknown>;

/** A supertest agent whose every request is checked against the API document. */
export function withResponseCheck<A extends object>(agent: A): A {
  const wrapped: Agent = { ...(agent as Agent) };
  for (const [name, make] of Object.entries(agent as Agent)) {
    if (typeof make !== 'function') continue;
    wrapped[name] = (...args: unknown[]) => {
      const test = (make as (...a: unknown[]) => unknown).apply(agent, args);
      return test && typeof (test as Test).expect === 'function' ? checkedAgainstDocument(test as Test) : test;
    };
  }
  return wrapped as A;
}
