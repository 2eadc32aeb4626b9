import { get, post } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { TicketBody } from '../../../contract/requests/queue.ts';
import type { RatingBody } from '../../../contract/requests/ratings.ts';

/** 智能排队叫号 (server/queue): the kiosk, the hall display, the ticket's page and the clerks' calling panel. */
export type Kiosk = Answer<'/halls/{hallId}/queue/kiosk', 'get'>;
export type IssuedTicket = Answer<'/halls/{hallId}/queue/tickets', 'post'>;
export type HallDisplay = Answer<'/halls/{hallId}/queue/display', 'get'>;
export type Visit = Answer<'/queue/visits/{token}', 'get'>;
export type Panel = Answer<'/queue/panel', 'get'>;
export type PanelTicket = NonNullable<Panel['current']>;
export type PanelWindow = Panel['windows'][number];
export type ClerkTicket = Answer<'/queue/call-next', 'post'>;
export type IntakeTicket = Answer<'/queue/tickets/{id}', 'get'>;

export const kioskOf = (hallId: number) => get<Kiosk>(`/halls/${hallId}/queue/kiosk`);
export const takeTicket = (hallId: number, body: TicketBody) => post<IssuedTicket>(`/halls/${hallId}/queue/tickets`, body);
export const displayOf = (hallId: number) => get<HallDisplay>(`/halls/${hallId}/queue/display`);
export const visitOf = (token: string) => get<Visit>(`/queue/visits/${encodeURIComponent(token)}`);
export const cancelVisit = (token: string) => post<Visit>(`/queue/visits/${encodeURIComponent(token)}/cancel`, {});
export const rateVisit = (token: string, body: RatingBody) => post<Visit>(`/queue/visits/${encodeURIComponent(token)}/rating`, body);

export const panelOf = (windowId: number | null) => get<Panel>('/queue/panel', { windowId: windowId ? String(windowId) : undefined });
export const callNext = (windowId: number) => post<ClerkTicket>('/queue/call-next', { windowId });
export const ticketStep = (id: number, step: 'recall' | 'no-show' | 'serve' | 'finish') => post<ClerkTicket>(`/queue/tickets/${id}/${step}`, {});
export const intakeTicket = (id: number) => get<IntakeTicket>(`/queue/tickets/${id}`);
export const linkTicketCase = (id: number, caseNo: string) => post<ClerkTicket>(`/queue/tickets/${id}/case`, { caseNo });

/** 等候时长 per hall (the supervision's dashboard: leaders). */
export type HallWaits = Answer<'/supervision/hall-waits', 'get'>;
export const hallWaits = (q: { from: string; to: string; department?: string; region?: string }) => get<HallWaits>('/supervision/hall-waits', q);
