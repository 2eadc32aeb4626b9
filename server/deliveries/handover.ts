import type { Transaction } from 'sequelize';
import type { Principal } from '../auth/index.ts';
import type { AppContext } from '../context.ts';
import { Delivery } from './delivery.model.ts';
import type { DeliveryEvent } from './delivery.model.ts';
import type { EngineClient } from '../engine/client.ts';
import { correlateToCase } from '../engine/correlate.ts';
import { conflict, fieldProblem, notFound, validationFailed } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { canViewCase, caseByNo, type CaseRecord, recordTimeline } from '../cases/index.ts';
import { MESSAGES } from '../../contract/topics.ts';
import { pickupCodeMatches } from './window-pickup.ts';

export const handoverSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['pickupCode'],
  properties: { pickupCode: { type: 'string', minLength: 1, maxLength: 16, title: '取件码', 'x-title-en': 'Pickup code' } },
} as const;

/**
 * The results reached the applicant: the delivery is done, the event is on it and on the
 * timeline, and the case's process hears ResultDelivered. The engine is told inside the caller's
 * transaction, as inbox operations do: if the process does not take the message (it is not
 * waiting yet), the transaction rolls back and nothing is recorded, so a retry finds it all again.
 */
export async function recordDelivered(
  engine: EngineClient,
  c: CaseRecord,
  delivery: Delivery,
  entry: { event: DeliveryEvent; actor: string; handedOverBy?: string; idempotencyKey: string; notWaiting: () => Error },
  transaction: Transaction,
): Promise<void> {
  await delivery.update(
    {
      status: 'delivered',
      deliveredAt: new Date(entry.event.at),
      events: [...delivery.events, entry.event],
      ...(entry.handedOverBy ? { handedOverBy: entry.handedOverBy } : {}),
    },
    { transaction },
  );
  await recordTimeline(
    { caseId: c.id, type: 'delivery.event', actor: entry.actor, detail: { ...entry.event }, idempotencyKey: entry.idempotencyKey },
    transaction,
  );
  await correlateToCase(engine, MESSAGES.resultDelivered, c.caseNo, entry.notWaiting);
}

/**
 * 窗口领取: a window clerk hands the results over on the applicant's pickup code. A wrong code is
 * a 422; results already delivered or handed over are a 409.
 */
export async function handOver(ctx: AppContext, principal: Principal, caseNo: string, body: unknown) {
  const found = await caseByNo(caseNo);
  if (!found || !canViewCase(principal, found)) throw notFound('case_not_found');
  assertValid<{ pickupCode: string }>(handoverSchema, body);
  if (found.parentCaseId) throw conflict('delivery_by_bundle');
  const { pickupCode } = body as { pickupCode: string };
  return ctx.sequelize.transaction(async (transaction) => {
    const delivery = await Delivery.findOne({ where: { caseId: found.id }, transaction, lock: transaction.LOCK.UPDATE });
    if (delivery?.status === 'delivered') throw conflict('delivery_already_handed_over');
    if (!delivery?.pickupCode) throw conflict('delivery_not_at_window');
    if (!pickupCodeMatches(delivery, pickupCode.trim())) {
      throw validationFailed([
        fieldProblem(
          'pickupCode',
          '取件码：取件码不正确，请核对申请人收到的短信',
          'pickupCode: the pickup code is wrong; check the text the applicant received',
        ),
      ]);
    }
    const at = new Date().toISOString();
    await recordDelivered(
      ctx.engine,
      found,
      delivery,
      {
        event: { event: 'handed_over', at, note: `窗口领取，经办人 ${principal.displayName}` },
        actor: principal.username,
        handedOverBy: principal.username,
        idempotencyKey: `delivery.handed_over:${delivery.shipmentNo}`,
        notWaiting: () => conflict('delivery_not_awaited'),
      },
      transaction,
    );
    ctx.logger.info({ caseNo, shipmentNo: delivery.shipmentNo, by: principal.username }, 'results handed over at the window');
    return { caseNo, status: 'delivered', deliveredAt: at, handedOverBy: principal.username };
  });
}
