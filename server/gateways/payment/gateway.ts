import type { CallbackHeaders } from '../signed-message.ts';

/**
 * 统一支付: what the platform needs of a payment gateway. The sandbox adapter implements it for
 * local runs and tests; a real provider (the province's unified payment platform, a bank) is
 * another implementation of this interface, and workers never know which one they hold.
 *
 * Money is always an integer number of fen (分), never a float of yuan.
 */
export interface PaymentGateway {
  /**
   * Opens an order for the payer. Idempotent by merchantOrderNo: the same request again answers
   * the same order; the same merchantOrderNo with another amount is refused (GatewayRejectedError
   * 409 'amount_mismatch'), since that is a bug on our side, not a new order.
   */
  createOrder(request: CreateOrderRequest): Promise<CreatedOrder>;
  /** The gateway's view of our order: the truth when a notification is late or lost. */
  queryOrder(merchantOrderNo: string): Promise<OrderState>;
  /** Refunds part or all of a paid order. Idempotent by refundNo. */
  refund(request: RefundRequest): Promise<RefundResult>;
  /**
   * 代发: pays an amount to a person's or a company's account (a benefit granted). Idempotent by transferNo: the
   * same request again answers the same transfer and pays nothing more.
   */
  transfer(request: TransferRequest): Promise<TransferResult>;
  /**
   * Checks a payment notification as it arrived (the raw body bytes, before any JSON parsing) and
   * answers what it says, or throws CallbackRejectedError: signature missing or invalid, body
   * altered, timestamp outside the 5-minute window, or not a notification.
   */
  verifyNotification(rawBody: Buffer | string, headers: CallbackHeaders): PaymentNotification;
}

export type PaymentStatus = 'unpaid' | 'paid' | 'expired' | 'closed' | 'refunded';

export interface CreateOrderRequest {
  /** our idempotency key: one per fee of one case, stable across retries */
  merchantOrderNo: string;
  amountFen: number;
  /** what the payer sees, in Chinese, e.g. '食品经营许可证工本费' */
  subject: string;
  /** where the gateway POSTs the signed payment notification */
  notifyUrl: string;
  /** where the payer's browser goes after paying or cancelling */
  returnUrl?: string;
  /** after this the order can no longer be paid */
  expiresAt: Date;
}

export interface CreatedOrder {
  /** the gateway's own order number */
  orderNo: string;
  /** the page where the payer pays */
  payUrl: string;
  status: PaymentStatus;
}

export interface OrderState {
  orderNo: string;
  merchantOrderNo: string;
  status: PaymentStatus;
  amountFen: number;
  /** what has been refunded so far; 'refunded' once it reaches amountFen */
  refundedFen: number;
  paidAt?: Date;
}

export interface RefundRequest {
  merchantOrderNo: string;
  /** our idempotency key for this refund */
  refundNo: string;
  amountFen: number;
  reason: string;
}

export interface RefundResult {
  refundNo: string;
  status: 'succeeded';
  amountFen: number;
}

/** A verified payment notification. The same payment may be notified more than once: dedupe by notifyId. */
export interface PaymentNotification {
  notifyId: string;
  orderNo: string;
  merchantOrderNo: string;
  amountFen: number;
  paidAt: Date;
  status: 'paid';
}

export interface TransferRequest {
  /** our idempotency key: one per payout of one case, stable across retries */
  transferNo: string;
  /** a person's 居民身份证号码 (their social security card account), or a company's 统一社会信用代码 (its 对公账户: 惠企 benefits) */
  payeeIdNo: string;
  /** the person's name, or the company's as registered */
  payeeName: string;
  amountFen: number;
  /** what the payee's statement says, e.g. '高龄津贴' */
  purpose: string;
}

export interface TransferResult {
  transferNo: string;
  /** the gateway's own number of the transfer */
  tradeNo: string;
  status: 'succeeded';
  amountFen: number;
  paidAt: Date;
}
