import { createDraftSchema, lintSchema, saveDraftSchema } from '../../contract/requests/modeler.ts';
import { deploySchema } from './deploy.service.ts';
import { decisionXmlSchema, evaluateDecisionSchema, tryDecisionSchema } from '../../contract/requests/decisions.ts';
import { DECISION_KEY_PATTERN, DECISION_VERSION_PATTERN } from '../../contract/dmn/decision-key.ts';
import { always, answer, bearer, clean, error, instant, json, nullable, type Paths } from '../openapi/helpers.ts';

const forbidden = { 401: error('not logged in'), 403: error('not an analyst or administrator') };

const problem = {
  description: 'a finding about the BPMN, to be marked on the diagram at elementId',
  ...always(
    {
      elementId: { type: 'string' },
      rule: { type: 'string', description: 'e.g. approval/known-topic, label-required, policy/no-doctype, deploy/process-key' },
      message: { type: 'string', description: 'zh-CN' },
      en: { type: 'string' },
      severity: { enum: ['error', 'warning', 'info'] },
    },
    'elementId',
  ),
};
const problems = { type: 'array', items: problem };
const refused = (description: string) => ({
  description: `${description}. Body: the usual error (details[].field is the element id, details[].label the rule) and \`problems\`, every finding`,
  content: json({ allOf: [{ $ref: '#/components/schemas/Error' }, { type: 'object', properties: { problems } }] }),
});
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const keyParam = { name: 'key', in: 'path', required: true, schema: { type: 'string' } };
const text = { type: 'string' };
const count = { type: 'integer' };
const draftFields = {
  id: { type: 'integer' },
  processKey: text,
  name: text,
  revision: { type: 'integer' },
  createdBy: text,
  updatedBy: text,
  createdAt: instant,
  updatedAt: instant,
};
const deployment = always({
  revision: { type: 'integer' },
  processKey: text,
  deploymentId: text,
  processDefinitionId: text,
  version: { type: 'integer' },
  deployedBy: text,
  deployedAt: instant,
});
const change = always({ id: text, type: text, name: text }, 'name');

/** The modeler's paths, merged into the API's OpenAPI document. */
export function modelerPaths(): Paths {
  return {
    '/modeler/templates': {
      get: {
        summary: 'Camunda 7 element templates: one per external-task topic (受理, 告知, 电子印章 …) and user tasks per department role',
        security: bearer,
        responses: {
          200: answer('the templates (element-template JSON)', { type: 'array', items: { type: 'object', required: ['id', 'name', 'appliesTo'] } }),
          ...forbidden,
        },
      },
    },
    '/modeler/lint/config': {
      get: {
        summary:
          "The bpmnlint configuration the server lints with (bpmnlint:recommended, camunda-compat 7.24, our approval/* rules with their settings), for the browser's live lint",
        security: bearer,
        responses: {
          200: answer('{config, settings, maxBytes}', always({ config: { type: 'object' }, settings: { type: 'object' }, maxBytes: count })),
          ...forbidden,
        },
      },
    },
    '/modeler/lint': {
      post: {
        summary: 'Lint BPMN XML with the same checks a deployment gets (policy and bpmnlint); nothing is stored',
        security: bearer,
        requestBody: { required: true, content: json(clean(lintSchema)) },
        responses: {
          200: answer('{valid, problems}', always({ valid: { type: 'boolean', description: 'no finding is an error' }, problems })),
          ...forbidden,
          422: error('no xml'),
        },
      },
    },
    '/modeler/drafts': {
      get: {
        summary: 'Process drafts, newest first, with their last deployment',
        security: bearer,
        responses: {
          200: answer(
            '{total, drafts}',
            always({ total: count, drafts: { type: 'array', items: always({ ...draftFields, lastDeployment: { oneOf: [deployment, { type: 'null' }] } }) } }),
          ),
          ...forbidden,
        },
      },
      post: {
        summary:
          'Create a draft (revision 1) from a file (xml) or as a copy of a platform item process (from: a key of GET /modeler/starters). Unfinished BPMN is fine; unreadable BPMN, DOCTYPE/ENTITY and files over 2 MB are refused and not stored',
        security: bearer,
        requestBody: { required: true, content: json(clean(createDraftSchema)) },
        responses: {
          201: answer('the draft and its lint problems', always({ ...draftFields, problems })),
          ...forbidden,
          409: error('a draft for this process key exists'),
          422: refused('malformed body or unreadable BPMN'),
        },
      },
    },
    '/modeler/starters': {
      get: {
        summary:
          "The platform's item processes a new draft may start from (the standard frame and its 会签/或签 variants): {total, starters: [{processKey, name}]}",
        security: bearer,
        responses: {
          200: answer('{total, starters}', always({ total: count, starters: { type: 'array', items: always({ processKey: text, name: text }) } })),
          ...forbidden,
        },
      },
    },
    '/modeler/drafts/{id}': {
      get: {
        summary: 'A draft with its current XML, its revision history (newest first) and deployments',
        security: bearer,
        parameters: [idParam],
        responses: {
          200: answer(
            'the draft',
            always({
              ...draftFields,
              xml: text,
              revisions: {
                type: 'array',
                items: always({ revision: { type: 'integer' }, sha256: text, size: count, savedBy: text, savedAt: instant }),
              },
              deployments: { type: 'array', items: deployment },
            }),
          ),
          ...forbidden,
          404: error('no such draft'),
        },
      },
      put: {
        summary: 'Save a new revision on top of baseRevision (optimistic concurrency); an unchanged file makes no revision (saved: false)',
        security: bearer,
        parameters: [idParam],
        requestBody: { required: true, content: json(clean(saveDraftSchema)) },
        responses: {
          200: answer('the draft, saved (false: the same file, no new revision), problems', always({ ...draftFields, saved: { type: 'boolean' }, problems })),
          ...forbidden,
          404: error('no such draft'),
          409: error('baseRevision is not the latest revision: someone saved meanwhile'),
          422: refused('malformed body or unreadable BPMN'),
        },
      },
    },
    '/modeler/drafts/{id}/revisions/{revision}': {
      get: {
        summary: 'One revision of a draft, with its XML',
        security: bearer,
        parameters: [idParam, { name: 'revision', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: {
          200: answer('the revision', always({ revision: { type: 'integer' }, xml: text, sha256: text, size: count, savedBy: text, savedAt: instant })),
          ...forbidden,
          404: error('no such draft or revision'),
        },
      },
    },
    '/modeler/drafts/{id}/deploy': {
      post: {
        summary:
          "Deploy the draft's latest revision: checked again (lint, security policy, one executable process named by the draft's key, not a platform process); refused → 422 and nothing reaches the engine",
        security: bearer,
        parameters: [idParam],
        requestBody: { required: false, content: json(clean(deploySchema)) },
        responses: {
          201: answer('deployed, with the warnings', always({ deployed: { const: true }, ...deployment.properties, problems })),
          200: answer(
            'unchanged since the last deployment: the engine kept its latest version',
            always({ deployed: { const: false }, revision: { type: 'integer' }, processDefinitionId: text, version: { type: 'integer' }, problems }),
          ),
          ...forbidden,
          404: error('no such draft'),
          409: error('revision given is not the latest'),
          422: refused('refused by the checks'),
        },
      },
    },
    '/modeler/drafts/{id}/compare': {
      get: {
        summary: 'Compare a draft revision with a deployed version, by element id: added, removed, changed; layoutChanged for the diagram',
        security: bearer,
        parameters: [
          idParam,
          { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'deployed version (default: the newest)' },
          { name: 'revision', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'draft revision (default: the latest)' },
        ],
        responses: {
          200: answer(
            'the elements added, removed and changed',
            always({
              processKey: text,
              version: { type: 'integer' },
              revision: { type: 'integer' },
              added: { type: 'array', items: change },
              removed: { type: 'array', items: change },
              changed: { type: 'array', items: change },
              layoutChanged: { type: 'boolean' },
              identical: { type: 'boolean' },
            }),
          ),
          ...forbidden,
          404: error('no such draft, revision or deployed version'),
        },
      },
    },
    '/modeler/processes': {
      get: {
        summary:
          'The newest deployed version of every process whose key starts with the prefix (analyst, admin): what an item may run on, deployed at start-up or from the modeler',
        security: bearer,
        parameters: [{ name: 'prefix', in: 'query', schema: { type: 'string', default: 'item_' } }],
        responses: {
          200: answer(
            'the processes',
            always({
              total: count,
              processes: {
                type: 'array',
                items: always({
                  key: text,
                  name: nullable(),
                  version: { type: 'integer' },
                  processDefinitionId: text,
                  platform: { type: 'boolean', description: 'ships with the platform (processes/)' },
                  draftId: { type: ['integer', 'null'] },
                }),
              },
            }),
          ),
          ...forbidden,
          422: error('a malformed prefix'),
        },
      },
    },
    '/modeler/processes/{key}/versions': {
      get: {
        summary: 'Deployed versions of a process, newest first, each with its running instances and the draft revision it came from',
        security: bearer,
        parameters: [keyParam],
        responses: {
          200: answer(
            '{processKey, platform, versions}',
            always({
              processKey: text,
              platform: { type: 'boolean' },
              versions: {
                type: 'array',
                items: always({
                  version: { type: 'integer' },
                  processDefinitionId: text,
                  deploymentId: text,
                  name: nullable(),
                  runningInstances: count,
                  fromDraft: {
                    oneOf: [always({ draftId: { type: 'integer' }, revision: { type: 'integer' }, deployedBy: text, deployedAt: instant }), { type: 'null' }],
                  },
                }),
              },
            }),
          ),
          ...forbidden,
          404: error('no such process'),
        },
      },
    },
    '/modeler/processes/{key}/versions/{version}/xml': {
      get: {
        summary: 'The BPMN XML of a deployed version (to open it in the modeler)',
        security: bearer,
        parameters: [keyParam, { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: {
          200: answer('the XML', always({ processKey: text, version: { type: 'integer' }, processDefinitionId: text, xml: text })),
          ...forbidden,
          404: error('no such process or version'),
        },
      },
    },
  };
}

const decision = always({ id: text, key: text, name: nullable(), version: count, versionTag: nullable() });
const results = {
  type: 'array',
  description: "each matched rule's outputs by name (one entry for an aggregate, none when no rule matched)",
  items: { type: 'object', additionalProperties: true },
};
const decisionKeyParam = { name: 'key', in: 'path', required: true, schema: { type: 'string', pattern: DECISION_KEY_PATTERN } };

/** 决策表 (DMN 1.3) of the modeler (server/modeler/decisions.controller.ts). */
export function decisionPaths(): Paths {
  return {
    '/modeler/decisions': {
      get: {
        summary: "The platform's decisions on the engine: the latest version of each",
        security: bearer,
        responses: { 200: answer('the decisions', always({ decisions: { type: 'array', items: decision } })), ...forbidden },
      },
      post: {
        summary:
          "Deploy a DMN file's decision tables: checked by the decision policy first (FEEL only, expressions that read the inputs only, FEEL's own functions, Camunda 7's hit policies and types, bounded sizes); refused → 422 and nothing reaches the engine; an unchanged table gets no new version",
        security: bearer,
        requestBody: { required: true, content: json(clean(decisionXmlSchema)) },
        responses: {
          201: answer(
            'deployed: the latest version of each decision of the file',
            always({ deployed: { const: true }, decisions: { type: 'array', items: decision }, problems }),
          ),
          200: answer(
            'unchanged: the engine kept the latest versions',
            always({ deployed: { const: false }, decisions: { type: 'array', items: decision }, problems }),
          ),
          ...forbidden,
          422: refused('refused by the checks, or not readable DMN 1.3'),
        },
      },
    },
    '/modeler/decisions/check': {
      post: {
        summary: 'Check DMN XML with the checks a deployment gets; nothing is stored or deployed',
        security: bearer,
        requestBody: { required: true, content: json(clean(decisionXmlSchema)) },
        responses: {
          200: answer(
            '{valid, problems, decisions}: the decisions as read, with their inputs and outputs (for a 试算 form)',
            always({
              valid: { type: 'boolean' },
              problems,
              decisions: {
                type: 'array',
                items: always({
                  key: text,
                  name: nullable(),
                  inputs: { type: 'array', items: always({ label: nullable(), expression: text, typeRef: nullable() }) },
                  outputs: { type: 'array', items: always({ name: nullable(), label: nullable(), typeRef: nullable() }) },
                }),
              },
            }),
          ),
          ...forbidden,
          422: error('no xml'),
        },
      },
    },
    '/modeler/decisions/try': {
      post: {
        summary:
          "试算 of a draft: checked like a deployment, deployed for the analyst's own tenant (no process and no one else sees it), evaluated by the engine on the sample inputs",
        security: bearer,
        requestBody: { required: true, content: json(clean(tryDecisionSchema)) },
        responses: {
          200: answer('the results', always({ decisionKey: text, results, problems })),
          ...forbidden,
          422: refused('refused by the checks, or inputs the decision does not read or of the wrong type'),
        },
      },
    },
    '/modeler/decisions/{key}': {
      get: {
        summary: 'A deployed decision (the latest version, or ?version=): its inputs, outputs, what it reads, its XML, and every version',
        security: bearer,
        parameters: [decisionKeyParam, { name: 'version', in: 'query', required: false, schema: { type: 'string', pattern: DECISION_VERSION_PATTERN } }],
        responses: {
          200: answer(
            'the decision',
            always({
              ...decision.properties,
              hitPolicy: text,
              reads: { type: 'array', items: text, description: 'the variables its inputs read: what a process must have to call it' },
              inputs: { type: 'array', items: always({ label: nullable(), expression: text, typeRef: nullable() }) },
              outputs: { type: 'array', items: always({ name: nullable(), label: nullable(), typeRef: nullable() }) },
              rules: count,
              xml: text,
              versions: { type: 'array', items: decision },
            }),
          ),
          ...forbidden,
          404: error('no such decision or version'),
        },
      },
    },
    '/modeler/decisions/{key}/hits': {
      get: {
        summary: '规则命中统计: per version that decided cases (秒批, 免申即享), the evaluations and how often each rule hit, with its outputs',
        security: bearer,
        parameters: [decisionKeyParam],
        responses: {
          200: answer(
            'the counts, newest version first',
            always({
              key: text,
              versions: {
                type: 'array',
                items: always({
                  version: count,
                  evaluations: count,
                  noRule: { ...count, description: 'evaluations where no rule matched' },
                  unnamed: { ...count, description: 'evaluations whose rules could not be named' },
                  rules: {
                    type: 'array',
                    items: always({
                      id: text,
                      index: count,
                      description: nullable(),
                      outputs: { type: 'object', additionalProperties: { type: 'string' }, description: "the rule's output entries by output name" },
                      hits: count,
                    }),
                  },
                }),
              },
            }),
          ),
          ...forbidden,
          404: error('no such decision'),
        },
      },
    },
    '/modeler/decisions/{key}/evaluate': {
      post: {
        summary: '试算 of a deployed decision (the latest version, or the one asked for) on sample inputs',
        security: bearer,
        parameters: [decisionKeyParam],
        requestBody: { required: true, content: json(clean(evaluateDecisionSchema)) },
        responses: {
          200: answer('the results', always({ decision, results })),
          ...forbidden,
          404: error('no such decision or version'),
          422: error('inputs the decision does not read, of the wrong type, or that the engine cannot evaluate'),
        },
      },
    },
  };
}
