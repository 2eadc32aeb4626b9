import { get, post } from '../api/http.ts';
import type { Answer, Body } from '../../../contract/api/index.ts';

export type MigrationVersions = Answer<'/operations/migrations/versions/{processKey}', 'get'>;
export type MigrationPlan = Answer<'/operations/migrations/plan', 'post'>;
export type MigrationStarted = Answer<'/operations/migrations', 'post'>;
export type MigrationProgress = Answer<'/operations/migrations/{batchId}', 'get'>;

/** 迁移运行中的办件 (server/operations/migration-*.ts): versions, the plan and its check, the batch and its progress. */
export const migrationApi = {
  versions: (processKey: string) => get<MigrationVersions>(`/operations/migrations/versions/${encodeURIComponent(processKey)}`),
  plan: (body: Body<'/operations/migrations/plan', 'post'>) => post<MigrationPlan>('/operations/migrations/plan', body),
  start: (body: Body<'/operations/migrations', 'post'>) => post<MigrationStarted>('/operations/migrations', body),
  progress: (batchId: string) => get<MigrationProgress>(`/operations/migrations/${encodeURIComponent(batchId)}`),
};
