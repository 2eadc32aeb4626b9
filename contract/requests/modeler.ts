/**
 * The analysts' drafts: the bodies of POST /modeler/drafts, PUT /modeler/drafts/{id} and
 * POST /modeler/lint, checked by the server (server/modeler) and, for a new draft, by the
 * modeler's dialog before it sends.
 */

/** A draft's process key: the BPMN process id its deployment is keyed by (the engine keeps up to 255 characters). */
export const PROCESS_KEY_PATTERN = /^[A-Za-z_][\w.-]{0,254}$/;

const xmlSchema = { type: 'string', minLength: 1, title: 'BPMN XML', 'x-title-en': 'BPMN XML' } as const;

export interface CreateDraftBody {
  processKey: string;
  name: string;
  /** the file, drawn or imported */
  xml?: string;
  /** or a copy of a platform item process (server/modeler/starters.ts) */
  from?: string;
}

export const createDraftSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['processKey', 'name'],
  properties: {
    processKey: { type: 'string', pattern: PROCESS_KEY_PATTERN.source, title: '流程标识', 'x-title-en': 'Process key' },
    name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S', title: '名称', 'x-title-en': 'Name' },
    xml: xmlSchema,
    from: { type: 'string', minLength: 1, maxLength: 255, title: '底稿（平台事项流程）', 'x-title-en': 'Starting point (a platform item process)' },
  },
} as const;

export const saveDraftSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['xml', 'baseRevision'],
  properties: {
    xml: xmlSchema,
    baseRevision: { type: 'integer', minimum: 1, title: '基于的版本', 'x-title-en': 'Base revision' },
    name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S', title: '名称', 'x-title-en': 'Name' },
  },
} as const;

export const lintSchema = { type: 'object', additionalProperties: false, required: ['xml'], properties: { xml: xmlSchema } } as const;
