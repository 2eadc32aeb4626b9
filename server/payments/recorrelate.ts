import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Payment } from './payment.model.ts';
import { casesByNumbers } from '../cases/index.ts';
import type { CorrelationPatience } from '../engine/correlate.ts';
import { MESSAGES } from '../../contract/topics.ts';
import { tellPaymentReceived } from './payment-received.ts';

/** subscriptions read, and instances looked up, at a time */
const PAGE = 200;

export interface RecorrelationRound {
  /** processes waiting for PaymentReceived */
  waiting: number;
  /** of them, those whose order is paid here and that were told so now */
  correlated: number;
  /** paid here, but the engine did not confirm: told again at the next round */
  unconfirmed: number;
}

/**
 * 对账 with the engine: a payment recorded here whose process still waits for PaymentReceived (the
 * engine crashed between the server's record and its correlation, or lost the correlation's commit;
 * the process reached its wait only after the correlation gave up) is told again. Asks the engine
 * which processes wait for the message, finds those whose case's order is paid, and correlates each
 * once; a process that has gone on meanwhile answers "not waiting", so a round repeats nothing. An
 * engine that does not confirm ends the round; the next one tries again.
 */
export async function correlateWaitingPayments(ctx: Pick<AppContext, 'engine' | 'logger'>, patience: CorrelationPatience = {}): Promise<RecorrelationRound> {
  const round: RecorrelationRound = { waiting: 0, correlated: 0, unconfirmed: 0 };
  const instanceIds: string[] = [];
  for (let first = 0; ; first += PAGE) {
    const page = await ctx.engine.eventSubscriptions({ eventType: 'message', eventName: MESSAGES.paymentReceived }, first, PAGE);
    instanceIds.push(...page.map((s) => s.processInstanceId).filter((id): id is string => Boolean(id)));
    if (page.length < PAGE) break;
  }
  round.waiting = instanceIds.length;
  for (let i = 0; i < instanceIds.length; i += PAGE) {
    const ids = instanceIds.slice(i, i + PAGE);
    const caseNos = (await ctx.engine.findProcessInstances({ processInstanceIds: ids }, ids.length))
      .map((p) => p.businessKey)
      .filter((k): k is string => Boolean(k));
    if (!caseNos.length) continue;
    const cases = await casesByNumbers(caseNos);
    const paid = await Payment.findAll({ where: { caseId: { [Op.in]: cases.map((c) => c.id) }, status: 'paid' } });
    for (const payment of paid) {
      const caseNo = cases.find((c) => c.id === payment.caseId)!.caseNo;
      const told = await tellPaymentReceived(ctx.engine, ctx.logger, caseNo, { ...patience, awaitWait: false });
      if (told === 'unconfirmed') {
        round.unconfirmed++;
        return round;
      }
      if (told === 'correlated') {
        round.correlated++;
        ctx.logger.warn(
          { caseNo, merchantOrderNo: payment.merchantOrderNo },
          'a paid order whose process still waited for PaymentReceived: told again (崩溃恢复)',
        );
      }
    }
  }
  return round;
}
