/**
 * 智能排队叫号 (queue), the public entry: taking a ticket (the kiosk, an appointment's check-in),
 * today's queue of halls (the hall map), the waiting times the indicators read (等候时长), and the
 * routes of the kiosk, the clerks' calling panel, the hall display and the visit's 好差评.
 * docs/hall-queue.md says the rules.
 */
export { issueTicket, queueLengthsToday, type IssueTicketInput, type TicketRecord } from './tickets.ts';
export type { PriorityReason } from '../../contract/requests/queue.ts';
export type { WindowKind } from '../../contract/requests/organization.ts';
export { queueRoutes } from './queue.controller.ts';
export { queuePaths } from './openapi.ts';
/** 等候时长 per hall over a period, for the supervision's dashboard. */
export { hallWaitingTimes, PROMPT_WAIT_SECONDS, type HallWaitFigure } from './waiting-times.ts';
