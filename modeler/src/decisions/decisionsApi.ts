import { get, post } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { EvaluateDecisionBody, TryDecisionBody } from '../../../contract/requests/decisions.ts';

/** 决策表 (server/modeler/decisions.controller.ts): the deployed decisions, the policy's check, 试算 and deployment. */
export type DecisionList = Answer<'/modeler/decisions', 'get'>;
export type DecisionDetail = Answer<'/modeler/decisions/{key}', 'get'>;
export type DecisionCheck = Answer<'/modeler/decisions/check', 'post'>;
export type CheckedDecision = DecisionCheck['decisions'][number];
export type DecisionProblem = DecisionCheck['problems'][number];
export type TryResult = Answer<'/modeler/decisions/try', 'post'>;
export type DeployResult = Answer<'/modeler/decisions', 'post'>;
export type DecisionHits = Answer<'/modeler/decisions/{key}/hits', 'get'>;

export const decisionsApi = {
  list: () => get<DecisionList>('/modeler/decisions'),
  detail: (key: string, version?: number) =>
    get<DecisionDetail>(`/modeler/decisions/${encodeURIComponent(key)}`, { version: version ? String(version) : undefined }),
  check: (xml: string) => post<DecisionCheck>('/modeler/decisions/check', { xml }),
  tryDraft: (body: TryDecisionBody) => post<TryResult>('/modeler/decisions/try', body),
  evaluate: (key: string, body: EvaluateDecisionBody) => post<TryResult>(`/modeler/decisions/${encodeURIComponent(key)}/evaluate`, body),
  deploy: (xml: string) => post<DeployResult>('/modeler/decisions', { xml }),
  hits: (key: string) => get<DecisionHits>(`/modeler/decisions/${encodeURIComponent(key)}/hits`),
};
