/** 超期预警: a case's or a step's colour against its deadline (server/calendar/deadline.ts decides it, the pages show it). */
export type DeadlineColour = 'green' | 'yellow' | 'red';
