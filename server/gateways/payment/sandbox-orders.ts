import { randomBytes, randomUUID } from 'node:crypto';
import { owedCallback, type OwedCallback } from '../sandbox/callback-courier.ts';
import { invalidInput, sandboxConflict, sandboxNotFound } from '../sandbox/sandbox-error.ts';
import type { JsonFileStore } from '../sandbox/json-file-store.ts';
import type { PaymentStatus } from './gateway.ts';

/**
 * How the sandbox notifies a payment: 'once' (normal), 'twice' (the same notification delivered
 * again, as gateways do when our answer is lost), 'late' (first attempt after delayMs), 'never'
 * (lost: only queryOrder tells; an order nobody pays simply expires at expiresAt).
 */
export const NOTIFY_MODES = ['once', 'twice', 'late', 'never'] as const;
export type NotifyMode = (typeof NOTIFY_MODES)[number];

export interface NotifyPlan {
  mode: NotifyMode;
  /** for 'late' */
  delayMs?: number;
}

export const DEFAULT_LATE_MS = 3_000;

export const STATUS_LABELS: Record<PaymentStatus, string> = {
  unpaid: '未支付',
  paid: '已支付',
  expired: '已过期',
  closed: '已关闭',
  refunded: '已退款',
};

/** The payment notification: the same body for every copy, and its delivery record. */
export interface SandboxNotification extends OwedCallback {
  notifyId: string;
}

export interface SandboxOrder {
  orderNo: string;
  merchantOrderNo: string;
  amountFen: number;
  subject: string;
  notifyUrl: string;
  returnUrl?: string;
  expiresAt: string;
  createdAt: string;
  /** as stored; 'expired' is derived from expiresAt when read */
  status: Exclude<PaymentStatus, 'expired'>;
  paidAt?: string;
  refundedFen: number;
  notifyPlan: NotifyPlan;
  notification?: SandboxNotification;
}

export interface SandboxRefund {
  refundNo: string;
  merchantOrderNo: string;
  amountFen: number;
  reason: string;
  createdAt: string;
}

/** 代发 (a payout to a person's account, e.g. a benefit): one per transferNo, never twice. */
export interface SandboxTransfer {
  transferNo: string;
  tradeNo: string;
  payeeIdNo: string;
  payeeName: string;
  amountFen: number;
  purpose: string;
  status: 'succeeded';
  createdAt: string;
}

export interface PaymentSandboxState {
  keys?: { privateKeyPem: string; publicKeyPem: string };
  orders: Record<string, SandboxOrder>;
  refunds: Record<string, SandboxRefund>;
  /** absent in a data file from before transfers */
  transfers?: Record<string, SandboxTransfer>;
}

export interface NewOrder {
  merchantOrderNo: string;
  amountFen: number;
  subject: string;
  notifyUrl: string;
  returnUrl?: string;
  expiresAt: Date;
}

/** The sandbox gateway's ledger: orders and refunds with the rules a real gateway enforces. */
export class SandboxOrderBook {
  private readonly byMerchantNo = new Map<string, SandboxOrder>();

  constructor(
    readonly state: PaymentSandboxState,
    private readonly store: JsonFileStore<PaymentSandboxState>,
    private readonly defaultPlan: NotifyPlan,
  ) {
    for (const order of Object.values(state.orders)) this.byMerchantNo.set(order.merchantOrderNo, order);
  }

  statusOf(order: SandboxOrder, now: Date = new Date()): PaymentStatus {
    return order.status === 'unpaid' && now.getTime() >= Date.parse(order.expiresAt) ? 'expired' : order.status;
  }

  /** Idempotent by merchantOrderNo; another amount under the same number is a conflict. */
  create(input: NewOrder): { order: SandboxOrder; created: boolean } {
    const existing = this.byMerchantNo.get(input.merchantOrderNo);
    if (existing) {
      if (existing.amountFen !== input.amountFen) {
        throw sandboxConflict(
          'amount_mismatch',
          `商户订单号 ${input.merchantOrderNo} 已以 ${existing.amountFen} 分下单，不能改为 ${input.amountFen} 分`,
          `merchant order ${input.merchantOrderNo} exists with ${existing.amountFen} fen, not ${input.amountFen}`,
        );
      }
      return { order: existing, created: false };
    }
    const now = new Date();
    // only for a new order: repeating a create after expiry answers the expired order
    if (input.expiresAt.getTime() <= now.getTime()) throw invalidInput('expiresAt', '应晚于当前时间', 'must be in the future');
    const order: SandboxOrder = {
      orderNo: newOrderNo(now),
      merchantOrderNo: input.merchantOrderNo,
      amountFen: input.amountFen,
      subject: input.subject,
      notifyUrl: input.notifyUrl,
      ...(input.returnUrl ? { returnUrl: input.returnUrl } : {}),
      expiresAt: input.expiresAt.toISOString(),
      createdAt: now.toISOString(),
      status: 'unpaid',
      refundedFen: 0,
      notifyPlan: { ...this.defaultPlan },
    };
    this.state.orders[order.orderNo] = order;
    this.byMerchantNo.set(order.merchantOrderNo, order);
    this.save();
    return { order, created: true };
  }

  byOrderNo(orderNo: string): SandboxOrder {
    const order = this.state.orders[orderNo];
    if (!order) throw sandboxNotFound('order_not_found', `支付订单 ${orderNo} 不存在`, `no order ${orderNo}`);
    return order;
  }

  byMerchantOrderNo(merchantOrderNo: string): SandboxOrder {
    const order = this.byMerchantNo.get(merchantOrderNo);
    if (!order) throw sandboxNotFound('order_not_found', `商户订单号 ${merchantOrderNo} 没有订单`, `no order for merchant order ${merchantOrderNo}`);
    return order;
  }

  setNotifyPlan(orderNo: string, plan: NotifyPlan): SandboxOrder {
    const order = this.byOrderNo(orderNo);
    order.notifyPlan = plan;
    this.save();
    return order;
  }

  /** The payer pays: only an unpaid order before its expiry. Prepares the notification to send. */
  pay(orderNo: string, plan?: NotifyPlan): SandboxOrder {
    const order = this.byOrderNo(orderNo);
    this.assertPayable(order);
    if (plan) order.notifyPlan = plan;
    order.status = 'paid';
    order.paidAt = new Date().toISOString();
    const notifyId = randomUUID();
    const { mode, delayMs } = order.notifyPlan;
    const body = JSON.stringify({
      notifyId,
      orderNo: order.orderNo,
      merchantOrderNo: order.merchantOrderNo,
      amountFen: order.amountFen,
      paidAt: order.paidAt,
      status: 'paid',
    });
    const copies = { once: 1, twice: 2, late: 1, never: 0 }[mode];
    order.notification = { notifyId, ...owedCallback(order.notifyUrl, body, copies, mode === 'late' ? (delayMs ?? DEFAULT_LATE_MS) : 0) };
    this.save();
    return order;
  }

  private assertPayable(order: SandboxOrder): void {
    const status = this.statusOf(order);
    if (status === 'unpaid') return;
    const refusals: Record<Exclude<PaymentStatus, 'unpaid'>, [string, string, string]> = {
      expired: ['order_expired', '订单已过期，不能再支付', 'the order has expired'],
      closed: ['order_closed', '订单已关闭，不能再支付', 'the order is closed'],
      paid: ['order_already_paid', '订单已支付，请勿重复支付', 'the order is already paid'],
      refunded: ['order_already_paid', '订单已支付并已退款', 'the order was paid and refunded'],
    };
    const [code, zh, en] = refusals[status];
    throw sandboxConflict(code, zh, en);
  }

  /** The merchant (or the control API) closes an unpaid order, e.g. when the case is withdrawn. */
  close(orderNo: string): SandboxOrder {
    const order = this.byOrderNo(orderNo);
    if (order.status !== 'unpaid') throw sandboxConflict('order_not_closable', '只能关闭未支付的订单', 'only an unpaid order can be closed');
    order.status = 'closed';
    this.save();
    return order;
  }

  /** Idempotent by refundNo; only for paid orders, never more than was paid in total. */
  refund(input: Omit<SandboxRefund, 'createdAt'>): SandboxRefund {
    const existing = this.state.refunds[input.refundNo];
    if (existing) {
      if (existing.merchantOrderNo !== input.merchantOrderNo || existing.amountFen !== input.amountFen) {
        throw sandboxConflict('refund_conflict', `退款单号 ${input.refundNo} 已用于另一笔退款`, `refund ${input.refundNo} was used for another refund`);
      }
      return existing;
    }
    const order = this.byMerchantOrderNo(input.merchantOrderNo);
    if (order.status !== 'paid') {
      const status = this.statusOf(order);
      throw sandboxConflict(
        'order_not_paid',
        `订单${STATUS_LABELS[status]}，只有已支付的订单可以退款`,
        `the order is ${status}; only a paid order can be refunded`,
      );
    }
    const refundable = order.amountFen - order.refundedFen;
    if (input.amountFen > refundable) {
      throw sandboxConflict('refund_exceeds_paid', `退款金额超过可退金额（${refundable} 分）`, `the refund exceeds the refundable ${refundable} fen`);
    }
    const refund: SandboxRefund = { ...input, createdAt: new Date().toISOString() };
    this.state.refunds[refund.refundNo] = refund;
    order.refundedFen += input.amountFen;
    if (order.refundedFen === order.amountFen) order.status = 'refunded';
    this.save();
    return refund;
  }

  /**
   * 代发: pays an amount to a person (their 社会保障卡 account, in the sandbox their ID number).
   * Idempotent by transferNo: the same request again answers the same transfer and pays nothing
   * more; the same transferNo with another payee or amount is a conflict (a bug on our side).
   */
  transfer(input: Omit<SandboxTransfer, 'tradeNo' | 'status' | 'createdAt'>): { transfer: SandboxTransfer; created: boolean } {
    const transfers = (this.state.transfers ??= {});
    const existing = transfers[input.transferNo];
    if (existing) {
      if (existing.amountFen !== input.amountFen || existing.payeeIdNo !== input.payeeIdNo) {
        throw sandboxConflict('transfer_conflict', `代发单号 ${input.transferNo} 已用于另一笔代发`, `transfer ${input.transferNo} was used for another payout`);
      }
      return { transfer: existing, created: false };
    }
    const now = new Date();
    const transfer: SandboxTransfer = { ...input, tradeNo: newOrderNo(now).replace(/^PAY/, 'TRF'), status: 'succeeded', createdAt: now.toISOString() };
    transfers[transfer.transferNo] = transfer;
    this.save();
    return { transfer, created: true };
  }

  transferByNo(transferNo: string): SandboxTransfer {
    const transfer = this.state.transfers?.[transferNo];
    if (!transfer) throw sandboxNotFound('transfer_not_found', `代发单号 ${transferNo} 不存在`, `no transfer ${transferNo}`);
    return transfer;
  }

  /** Orders whose notification still has copies to deliver, e.g. after a restart. */
  pendingNotifications(): SandboxOrder[] {
    return Object.values(this.state.orders).filter((o) => (o.notification?.pendingCopies ?? 0) > 0);
  }

  save(): void {
    this.store.save(this.state);
  }
}

/** Gateway order numbers look like real ones: date, then random digits. */
function newOrderNo(now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const digits = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString()
    .padStart(20, '0')
    .slice(0, 14);
  return `PAY${day}${digits}`;
}
