import { Op } from 'sequelize';
import { testEnv } from './environment.ts';
import { eventually } from './eventually.ts';
import { OutboxEvent } from '../../server/reporting/outbox-event.model.ts';

/** The event types the sandbox exchange holds for the case, in the order it received them. */
export const heldTypes = (caseNo: string) =>
  testEnv()
    .province.control.events(caseNo)
    .map((e) => e.eventType);

/** The case's outbox rows in the order queued. */
export const outboxOf = (caseNo: string) => OutboxEvent.findAll({ where: { caseNo }, order: [['id', 'ASC']] });

/** Waits until the sandbox exchange holds these event types of the case (at least), in this order. */
export async function exchangeHolds(caseNo: string, types: string[], timeoutMs = 30_000) {
  return eventually(
    `the exchange holds ${types.join(', ')} of ${caseNo}`,
    async () => {
      const held = heldTypes(caseNo);
      return held.length >= types.length && types.every((t, i) => held[i] === t) && held;
    },
    timeoutMs,
    { last: () => heldTypes(caseNo) },
  );
}

/** Waits until nothing is pending in the outbox but what a dead letter holds back (the sender has caught up). */
export async function outboxSettled(timeoutMs = 30_000) {
  return eventually(
    'the outbox has nothing pending',
    async () => {
      const dead = (await OutboxEvent.findAll({ attributes: ['caseId'], where: { state: 'dead' } })).map((r) => r.caseId);
      return (await OutboxEvent.count({ where: { state: 'pending', caseId: { [Op.notIn]: dead.length ? dead : [0] } } })) === 0;
    },
    timeoutMs,
  );
}
