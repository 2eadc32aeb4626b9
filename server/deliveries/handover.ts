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
import { pickupHandoverSchema, type PickupHandover } from '../../contract/requests/delivery.ts';
import { newPickupCode, PICKUP_ATTEMPTS, pickupCodeMatches, tellPickupCode } from './window-pickup.ts';

/** The body of a handover (the contract's: the clerk's page checks it too). */
export const handoverSchema = pickupHandoverSchema;

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

/** The person at the window may collect: the applicant (a company: shown by its credit code), or the agent registered on the case. */
const mayCollect = (c: CaseRecord, idNo: string) => [c.applicantIdNo, c.agent?.idNo].some((known) => known && known.toUpperCase() === idNo.toUpperCase());

/**
 * 窗口领取: a window clerk hands the results over on the applicant's pickup code, to the person
 * whose ID they checked. A wrong code or ID is a 422 in words; after PICKUP_ATTEMPTS wrong codes the
 * code is replaced and told to the applicant again (kept although the answer is a 422), so a code
 * cannot be guessed. Results already delivered or handed over, or not at the window, are a 409.
 */
export async function handOver(ctx: AppContext, principal: Principal, caseNo: string, body: unknown) {
  const found = await caseByNo(caseNo);
  if (!found || !canViewCase(principal, found)) throw notFound('case_not_found');
  assertValid<PickupHandover>(handoverSchema, body);
  if (found.parentCaseId) throw conflict('delivery_by_bundle');
  const pickupCode = (body as PickupHandover).pickupCode.trim();
  const idNo = (body as PickupHandover).idNo.trim();
  const outcome = await ctx.sequelize.transaction(async (transaction) => {
    const delivery = await Delivery.findOne({ where: { caseId: found.id }, transaction, lock: transaction.LOCK.UPDATE });
    if (delivery?.status === 'delivered') throw conflict('delivery_already_handed_over');
    if (!delivery?.pickupCode) throw conflict('delivery_not_at_window');
    if (!pickupCodeMatches(delivery, pickupCode)) return { refused: await wrongCode(found, delivery, transaction) };
    if (!mayCollect(found, idNo)) {
      return {
        refused: validationFailed([
          fieldProblem(
            'idNo',
            '领取人证件号码：与申请人或登记的代办人证件号码不符，不能领取',
            "Collector's ID number: it is neither the applicant's nor the registered agent's; the results cannot be handed over",
          ),
        ]),
      };
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
    return { done: { caseNo, status: 'delivered' as const, deliveredAt: at, handedOverBy: principal.username } };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.done;
}

/** A wrong code: counted; the last allowed one replaces the code and tells the applicant the new one. */
async function wrongCode(c: CaseRecord, delivery: Delivery, transaction: Transaction) {
  const failures = delivery.pickupFailures + 1;
  if (failures < PICKUP_ATTEMPTS) {
    await delivery.update({ pickupFailures: failures }, { transaction });
    return validationFailed([
      fieldProblem(
        'pickupCode',
        `取件码：取件码不正确，请核对申请人收到的短信（再错 ${PICKUP_ATTEMPTS - failures} 次将作废并重新发送）`,
        `pickupCode: the pickup code is wrong; check the text the applicant received (${PICKUP_ATTEMPTS - failures} more wrong and it is replaced)`,
      ),
    ]);
  }
  const code = newPickupCode();
  await delivery.update({ pickupCode: code, pickupFailures: 0 }, { transaction });
  const told = await tellPickupCode(c, code, transaction);
  await recordTimeline(
    {
      caseId: c.id,
      type: 'delivery.event',
      actor: 'system:delivery',
      detail: { event: 'pickup_code_replaced', note: `取件码连续输错 ${PICKUP_ATTEMPTS} 次，已作废并重新发送`, ...told },
    },
    transaction,
  );
  return validationFailed([
    fieldProblem(
      'pickupCode',
      `取件码：连续输错 ${PICKUP_ATTEMPTS} 次，原取件码已作废，新的取件码已发送给申请人`,
      `pickupCode: wrong ${PICKUP_ATTEMPTS} times in a row; the code is void and a new one has been sent to the applicant`,
    ),
  ]);
}
