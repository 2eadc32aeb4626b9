/**
 * 工作日历 (calendar), the public entry: the region's working calendar (holidays and make-up
 * workdays) that every clock of a case counts in, the deadline colours (超期预警) and the Shanghai
 * day of an instant. The calendar's reading and its overrides are routed by calendar.controller.ts.
 */
export { calendarFor } from './calendar.repository.ts';
export { WorkingCalendar } from './working-calendar.ts';
export { deadlineColour, hasUntoldTurn, nextTurnAt, type DeadlineColour } from './deadline.ts';
export { endOfDay, shanghaiDay, shanghaiTime, startOfDay } from './shanghai-days.ts';
