import { get, post, put } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

/** 线上帮办 (server/online-help/online-help.controller.ts). */
export type HelpRequest = Answer<'/online-help/requests/{id}/join', 'post'>;
export type HelpDetail = Answer<'/online-help/requests/{id}', 'get'>;
export type HelpEntry = HelpDetail['entries'][number];
export type HelpField = HelpDetail['fields'][number];
export type HelpQueue = Answer<'/online-help/requests', 'get'>;
export type HelpFigures = Answer<'/online-help/figures', 'get'>;

/** What the server pushes over socket.io (`online-help`): a new entry with the request as it stands, the applicant's form, the queue changed. */
export type HelpEvent =
  | { type: 'entry'; requestId: number; entry: HelpEntry; request: HelpRequest }
  | { type: 'form'; requestId: number; form: Record<string, unknown>; at: string }
  | { type: 'queue'; requestId: number; status: string };

const at = (id: number, tail = '') => `/online-help/requests/${id}${tail}`;

export const onlineHelpApi = {
  ask: (subject: { itemCode?: string; bundleCode?: string; regionCode?: string; caseNo?: string; question?: string }) =>
    post<HelpRequest>('/online-help/requests', subject),
  current: (subject: { itemCode?: string; bundleCode?: string }) => get<Answer<'/online-help/current', 'get'>>('/online-help/current', subject),
  detail: (id: number) => get<HelpDetail>(at(id)),
  queue: () => get<HelpQueue>('/online-help/requests'),
  join: (id: number) => post<HelpRequest>(at(id, '/join')),
  say: (id: number, text: string) => post<HelpEntry>(at(id, '/messages'), { text }),
  sendForm: (id: number, form: Record<string, unknown>) => put<{ formAt: string }>(at(id, '/form'), { form }),
  consent: (id: number, consent: boolean) => put<HelpRequest>(at(id, '/consent'), { consent }),
  fill: (id: number, field: string, value: unknown) => post<HelpEntry>(at(id, '/fills'), { field, value }),
  confirm: (id: number, field: string) => post<HelpEntry>(at(id, '/confirmations'), { field }),
  close: (id: number, resolved: boolean, note?: string) => post<HelpRequest>(at(id, '/close'), note ? { resolved, note } : { resolved }),
  rate: (id: number, level: number, comment?: string) => post<HelpRequest>(at(id, '/rating'), comment ? { level, comment } : { level }),
  figures: (query: { from?: string; to?: string; region?: string; withinMinutes?: string }) => get<HelpFigures>('/online-help/figures', query),
};
