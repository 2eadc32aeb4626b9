/**
 * 在线预约 (appointments, issue 21 part 1, docs/appointments.md): a person books a half-hour slot of
 * a hall for an item or a 一件事, prepares the application for the window, checks in at the hall
 * (a queue ticket through server/queue); no-shows are marked by a leased sweep and bar booking for a while.
 */
export { appointmentsRoutes } from './appointments.controller.ts';
export { appointmentsPaths } from './openapi.ts';
export { markNoShows, watchNoShows } from './no-shows.ts';
