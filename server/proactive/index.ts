/**
 * 免申即享 (issue 19 part 4, docs/proactive-services.md): policies over the registries' data, applied
 * on their events and on birthdays; an eligible person is offered the benefit (or granted it) and
 * a case of the policy's item opens on the channel "proactive".
 */
export { policiesOf } from './policies.ts';
export { proactiveRoutes } from './proactive.controller.ts';
export { proactivePaths } from './openapi.ts';
export { watchProactive } from './watch.ts';
export { proactiveRound } from './rounds.ts';
