import { get } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

export type SystemStatus = Answer<'/operations/system', 'get'>;
export type PlatformNode = SystemStatus['nodes'][number];
export type SchedulerLease = SystemStatus['schedulers'][number];
export type EngineStatus = SystemStatus['engines'][number];
export type BackupRun = SystemStatus['backups']['runs'][number];

/** 系统状态 (server/operations/system-status.ts): server nodes, schedulers, engines, backups. */
export const systemApi = {
  status: () => get<SystemStatus>('/operations/system'),
};
