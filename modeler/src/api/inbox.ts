import { get, post } from './http.ts';
import { SPECIAL_PROCEDURES as PROCEDURES, type SpecialProcedure } from '../../../contract/requests/case-actions.ts';
import type { InboxAnswer, InboxQuery } from './types.ts';

/** The inbox (server/inbox/tasks.controller.ts): the list and every operation on one task. */
export const inboxApi = {
  list: (query: InboxQuery = {}) => get<InboxAnswer>('/tasks', query as Record<string, string | undefined>),
  claim: (id: string) => post(`/tasks/${id}/claim`),
  unclaim: (id: string) => post(`/tasks/${id}/unclaim`),
  complete: (id: string, body: { outcome: string; opinion: string; reasons?: string[] }) => post(`/tasks/${id}/complete`, body),
  /** 转办, 委派, 退回, 加签, 减签: the same body, a person (or a step) and a reason */
  handOver: (id: string, operation: HandOverOperation, body: { to: string; reason: string }) => post(`/tasks/${id}/${operation}`, body),
  resolve: (id: string, opinion: string) => post(`/tasks/${id}/resolve`, { opinion }),
  copy: (id: string, to: string[], note?: string) => post(`/tasks/${id}/copy`, note ? { to, note } : { to }),
  suspend: (id: string, procedure: string, reason: string) => post(`/tasks/${id}/suspend`, { procedure, reason }),
};

export type HandOverOperation = 'transfer' | 'delegate' | 'send-back' | 'add-signer' | 'remove-signer';

/** 特别程序 the API knows (行政许可法 Art. 45, contract/requests/case-actions.ts) */
export const SPECIAL_PROCEDURES = Object.keys(PROCEDURES) as SpecialProcedure[];
