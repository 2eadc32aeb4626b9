import { get, post, put } from './http.ts';
import type { CreateDraftBody } from '../../../contract/requests/modeler.ts';

/** The modeler's server side (server/modeler, docs/modeler.md): templates, lint, drafts, deployments. */

/** A finding about a BPMN file; elementId names the element on the diagram. */
export interface BpmnProblem {
  elementId?: string;
  rule: string;
  message: string;
  en: string;
  severity: 'error' | 'warning' | 'info';
}

export interface DraftDeployment {
  revision: number;
  processKey: string;
  deploymentId: string;
  processDefinitionId: string;
  version: number;
  deployedBy: string;
  deployedAt: string;
}

export interface DraftSummary {
  id: number;
  processKey: string;
  name: string;
  revision: number;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
  lastDeployment?: DraftDeployment | null;
}

export interface DraftDetail extends DraftSummary {
  xml: string;
  revisions: { revision: number; sha256: string; size: number; savedBy: string; savedAt: string }[];
  deployments: DraftDeployment[];
}

export interface SavedDraft extends DraftSummary {
  saved?: boolean;
  problems: BpmnProblem[];
}

export interface DeployAnswer {
  deployed: boolean;
  revision: number;
  processDefinitionId: string;
  version: number;
  problems: BpmnProblem[];
}

export interface ProcessVersion {
  version: number;
  processDefinitionId: string;
  deploymentId: string;
  name: string | null;
  runningInstances: number;
  fromDraft: { draftId: number; revision: number; deployedBy: string; deployedAt: string } | null;
}

export interface ElementChange {
  id: string;
  type: string;
  name?: string;
}

export interface Comparison {
  processKey: string;
  version: number;
  revision: number;
  added: ElementChange[];
  removed: ElementChange[];
  changed: ElementChange[];
  layoutChanged: boolean;
  identical: boolean;
}

export interface LintConfigAnswer {
  config: { extends: string[]; rules: Record<string, unknown> };
  settings: Record<string, unknown>;
  maxBytes: number;
}

export const modelerApi = {
  templates: () => get<Record<string, unknown>[]>('/modeler/templates'),
  lintConfig: () => get<LintConfigAnswer>('/modeler/lint/config'),
  lint: (xml: string) => post<{ valid: boolean; problems: BpmnProblem[] }>('/modeler/lint', { xml }),
  drafts: () => get<{ total: number; drafts: DraftSummary[] }>('/modeler/drafts'),
  draft: (id: number) => get<DraftDetail>(`/modeler/drafts/${id}`),
  /** a new draft from a file (xml), or as a copy of one of the platform's item processes (from) */
  create: (body: CreateDraftBody) => post<SavedDraft>('/modeler/drafts', body),
  starters: () => get<{ total: number; starters: { processKey: string; name: string }[] }>('/modeler/starters'),
  save: (id: number, body: { xml: string; baseRevision: number; name?: string }) => put<SavedDraft>(`/modeler/drafts/${id}`, body),
  deploy: (id: number) => post<DeployAnswer>(`/modeler/drafts/${id}/deploy`, {}),
  compare: (id: number, version?: number) => get<Comparison>(`/modeler/drafts/${id}/compare`, { version: version === undefined ? undefined : String(version) }),
  versionXml: (key: string, version: number) =>
    get<{ processKey: string; version: number; processDefinitionId: string; xml: string }>(
      `/modeler/processes/${encodeURIComponent(key)}/versions/${version}/xml`,
    ),
  versions: (key: string) =>
    get<{ processKey: string; platform: boolean; versions: ProcessVersion[] }>(`/modeler/processes/${encodeURIComponent(key)}/versions`),
};
