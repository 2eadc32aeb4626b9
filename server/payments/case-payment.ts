import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { caseByNo, mayView } from '../cases/index.ts';
import { notFound } from '../errors/app-error.ts';
import { GatewayRejectedError, GatewayUnavailableError } from '../gateways/gateway-errors.ts';
import type { Locale } from '../i18n/locale.ts';
import { Payment } from './payment.model.ts';
import { reconcilePayment } from './reconcile.ts';
import { feeLineIn, feeLinesDueOnApproval } from './fees.ts';

/** a node asks the gateway about one order at most this often for the pages that show it */
const ASK_AT_MOST_EVERY_MS = 5_000;

type Viewer = Parameters<typeof mayView>[0];

/**
 * A case's payment as the pages show it (GET /cases/{caseNo}/payment): what the case owes, where
 * to pay, and what happened to the money; before its order, what it will owe once approved. While
 * the order is unpaid here, the gateway is asked first (对账), at most every few seconds per order
 * on this node: the applicant who comes back from its pay page sees the payment even when its
 * notification is late or lost.
 */
export class CasePayments {
  private readonly asked = new Map<number, number>();

  constructor(private readonly ctx: AppContext) {}

  /** The case's payment for one who may see the case; 404 case_not_found for anyone else, as for the case itself. */
  async of(viewer: Viewer, caseNo: string, locale: Locale, log?: Logger) {
    const c = await caseByNo(caseNo);
    if (!c || !(await mayView(viewer, c))) throw notFound('case_not_found');
    let p = await Payment.findOne({ where: { caseId: c.id } });
    if (!p) {
      // no order yet: what the case will owe once approved, so nobody reads 无需缴费 before the decision
      const due = await feeLinesDueOnApproval(c);
      const dueOnApproval = due.length ? { amountFen: due.reduce((sum, l) => sum + l.amountFen, 0), lines: due.map((l) => feeLineIn(l, locale)) } : null;
      return { caseNo: c.caseNo, required: false as const, amountFen: 0, lines: [], dueOnApproval };
    }
    if (p.status === 'unpaid' && p.orderNo && this.mayAsk(p.id)) {
      try {
        if (await reconcilePayment(this.ctx, p)) p = (await Payment.findByPk(p.id))!;
      } catch (err) {
        // the page shows what we know; the round of 对账 asks again later
        if (!(err instanceof GatewayUnavailableError || err instanceof GatewayRejectedError)) throw err;
        log?.warn({ err, merchantOrderNo: p.merchantOrderNo }, 'payment check failed: the page shows what we know');
      }
    }
    return {
      caseNo: c.caseNo,
      required: true as const,
      amountFen: p.amountFen,
      lines: p.lines.map((l) => feeLineIn(l, locale)),
      status: p.status,
      orderNo: p.orderNo,
      payUrl: p.status === 'unpaid' ? p.payUrl : null,
      expiresAt: p.expiresAt.toISOString(),
      paidAt: p.paidAt?.toISOString() ?? null,
      refundedAt: p.refundedAt?.toISOString() ?? null,
      refundReason: p.refundReason ?? null,
    };
  }

  private mayAsk(paymentId: number): boolean {
    const now = Date.now();
    if (now - (this.asked.get(paymentId) ?? 0) < ASK_AT_MOST_EVERY_MS) return false;
    if (this.asked.size > 10_000) for (const [id, at] of this.asked) if (now - at >= ASK_AT_MOST_EVERY_MS) this.asked.delete(id);
    this.asked.set(paymentId, now);
    return true;
  }
}
