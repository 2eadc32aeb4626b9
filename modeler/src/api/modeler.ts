import { get, post, put } from './http.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { CreateDraftBody } from '../../../contract/requests/modeler.ts';

/** The modeler's server side (server/modeler, docs/modeler.md): templates, lint, drafts, deployments. */

// The answers are the API document's (contract/api/openapi.ts), named here for the modeling pages.

/** A finding about a BPMN file; elementId names the element on the diagram. */
export type BpmnProblem = Answer<'/modeler/lint', 'post'>['problems'][number];
export type DraftSummary = Answer<'/modeler/drafts', 'get'>['drafts'][number];
export type DraftDeployment = NonNullable<DraftSummary['lastDeployment']>;
export type DraftDetail = Answer<'/modeler/drafts/{id}', 'get'>;
/** a draft made (POST) or saved (PUT), with the lint's findings */
export type SavedDraft = Answer<'/modeler/drafts', 'post'> | Answer<'/modeler/drafts/{id}', 'put'>;
/** deployed (201), or refused by the deployment policy with its problems (200) */
export type DeployAnswer = Answer<'/modeler/drafts/{id}/deploy', 'post'>;
export type ProcessVersion = Answer<'/modeler/processes/{key}/versions', 'get'>['versions'][number];
export type Comparison = Answer<'/modeler/drafts/{id}/compare', 'get'>;
export type ElementChange = Comparison['added'][number];
export type LintConfigAnswer = Answer<'/modeler/lint/config', 'get'>;

export const modelerApi = {
  templates: () => get<Answer<'/modeler/templates', 'get'>>('/modeler/templates'),
  lintConfig: () => get<LintConfigAnswer>('/modeler/lint/config'),
  lint: (xml: string) => post<Answer<'/modeler/lint', 'post'>>('/modeler/lint', { xml }),
  drafts: () => get<Answer<'/modeler/drafts', 'get'>>('/modeler/drafts'),
  draft: (id: number) => get<DraftDetail>(`/modeler/drafts/${id}`),
  /** a new draft from a file (xml), or as a copy of one of the platform's item processes (from) */
  create: (body: CreateDraftBody) => post<SavedDraft>('/modeler/drafts', body),
  starters: () => get<Answer<'/modeler/starters', 'get'>>('/modeler/starters'),
  save: (id: number, body: { xml: string; baseRevision: number; name?: string }) => put<SavedDraft>(`/modeler/drafts/${id}`, body),
  deploy: (id: number) => post<DeployAnswer>(`/modeler/drafts/${id}/deploy`, {}),
  compare: (id: number, version?: number) => get<Comparison>(`/modeler/drafts/${id}/compare`, { version: version === undefined ? undefined : String(version) }),
  versionXml: (key: string, version: number) =>
    get<Answer<'/modeler/processes/{key}/versions/{version}/xml', 'get'>>(`/modeler/processes/${encodeURIComponent(key)}/versions/${version}/xml`),
  versions: (key: string) => get<Answer<'/modeler/processes/{key}/versions', 'get'>>(`/modeler/processes/${encodeURIComponent(key)}/versions`),
};
