/**
 * What every domain's OpenAPI description (server/<domain>/openapi.ts) is written with; the
 * document is assembled in ./document.ts.
 */

/** Each path's operations by method, as a domain contributes them. */
export type Paths = Record<string, Record<string, object>>;
/** Component schemas by name, as a domain owns them (referred to as #/components/schemas/<name>). */
export type Schemas = Record<string, object>;

export const json = (schema: object) => ({ 'application/json': { schema } });
export const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
/** A JSON answer with its schema. */
export const answer = (description: string, schema: object) => ({ description, content: json(schema) });

/**
 * An object that always has the given properties (all required), except those named optional:
 * what a service builds with every key set, null where there is no value.
 */
export function always(properties: Record<string, object>, ...optional: string[]) {
  return { type: 'object', required: Object.keys(properties).filter((k) => !optional.includes(k)), properties };
}

/** A string or null; `format` for the string (date-time …). */
export const nullable = (format?: string) => (format ? { type: ['string', 'null'], format } : { type: ['string', 'null'] });
/** An instant as toISOString writes it. */
export const instant = { type: 'string', format: 'date-time' };
/** A signed-in route: the bearer token of POST /auth/login. */
export const bearer = [{ bearerAuth: [] }];
/** The engine's route: HTTP basic with the engine's service account. */
export const engineBasic = [{ engineBasic: [] }];

/** Strips our own keywords (x-title-en …) so the document is plain OpenAPI 3.1. */
export function clean<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(clean) as T;
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(
      Object.entries(schema)
        .filter(([k]) => !k.startsWith('x-'))
        .map(([k, v]) => [k, clean(v)]),
    ) as T;
  }
  return schema;
}

export const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
export const caseParam = [{ name: 'caseNo', in: 'path', required: true, schema: { type: 'string' } }];
export const codeParam = [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }];

/** One of the operations on a task (POST /tasks/{id}/<name>): the holder acts, the case's timeline records it; `result` is what it answers. */
export function taskOperation(summary: string, body: object | undefined, result: object) {
  return {
    post: {
      summary,
      security: bearer,
      parameters: idParam,
      ...(body ? { requestBody: { required: true, content: json(clean(body)) } } : {}),
      responses: {
        200: answer('done, recorded on the case timeline', result),
        404: error('no such task visible to the caller (a task the engine never had)'),
        409: error(
          'not the holder, or the task is delegated; or it closed: task_already_completed (completed, or its step ended by another reviewer) or task_closed (taken back, sent back, moved, cancelled), the message saying who and when',
        ),
        422: error('a reason missing, or a person or step that cannot take it'),
      },
    },
  };
}

/** One of the operations on a case (POST /cases/{caseNo}/<name>), with its body and what it answers. */
export function caseOperation(summary: string, body: object, conflictWhen: string, result: object) {
  return {
    post: {
      summary,
      security: bearer,
      parameters: caseParam,
      requestBody: { required: true, content: json(clean(body)) },
      responses: {
        200: answer('done, recorded on the case timeline', result),
        404: error('no such case of the caller'),
        409: error(conflictWhen),
        422: error('a reason missing'),
        429: error('urged too often'),
      },
    },
  };
}
