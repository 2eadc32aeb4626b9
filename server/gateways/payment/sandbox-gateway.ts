import { createPublicKey, type KeyObject } from 'node:crypto';
import { GatewayHttp } from '../gateway-http.ts';
import type { CallbackHeaders } from '../signed-message.ts';
import type {
  CreatedOrder,
  CreateOrderRequest,
  OrderState,
  PaymentGateway,
  PaymentNotification,
  PaymentStatus,
  RefundRequest,
  RefundResult,
  TransferRequest,
  TransferResult,
} from './gateway.ts';
import { verifySignedNotification } from './notification-signature.ts';

export interface SandboxPaymentGatewayOptions {
  /** where the sandbox service listens, e.g. http://127.0.0.1:8091 */
  baseUrl: string;
  /** the sandbox's notification public key (PEM), from configuration */
  publicKeyPem: string;
  /** per HTTP call; default 10 s */
  timeoutMs?: number;
  /** our clock for the notification time window; tests move it */
  now?: () => Date;
}

interface OrderResponse {
  orderNo: string;
  merchantOrderNo: string;
  status: PaymentStatus;
  amountFen: number;
  refundedFen: number;
  paidAt?: string;
  payUrl?: string;
}

/** The platform's adapter to the sandbox payment gateway (see sandbox-service.ts). */
export class SandboxPaymentGateway implements PaymentGateway {
  private readonly http: GatewayHttp;
  private readonly publicKey: KeyObject;
  private readonly now: () => Date;

  constructor(options: SandboxPaymentGatewayOptions) {
    // a bad key fails here, at start-up, not at the first payment
    this.publicKey = createPublicKey(options.publicKeyPem);
    this.http = new GatewayHttp({ gateway: 'payment', baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? 10_000 });
    this.now = options.now ?? (() => new Date());
  }

  async createOrder(request: CreateOrderRequest): Promise<CreatedOrder> {
    const order = await this.http.request<OrderResponse>('POST', '/api/orders', { ...request, expiresAt: request.expiresAt.toISOString() });
    return { orderNo: order.orderNo, payUrl: order.payUrl!, status: order.status };
  }

  async queryOrder(merchantOrderNo: string): Promise<OrderState> {
    const order = await this.http.request<OrderResponse>('GET', `/api/merchant-orders/${encodeURIComponent(merchantOrderNo)}`);
    return {
      orderNo: order.orderNo,
      merchantOrderNo: order.merchantOrderNo,
      status: order.status,
      amountFen: order.amountFen,
      refundedFen: order.refundedFen,
      ...(order.paidAt ? { paidAt: new Date(order.paidAt) } : {}),
    };
  }

  refund(request: RefundRequest): Promise<RefundResult> {
    return this.http.request<RefundResult>('POST', '/api/refunds', request);
  }

  async transfer(request: TransferRequest): Promise<TransferResult> {
    const t = await this.http.request<Omit<TransferResult, 'paidAt'> & { paidAt: string }>('POST', '/api/transfers', request);
    return { ...t, paidAt: new Date(t.paidAt) };
  }

  verifyNotification(rawBody: Buffer | string, headers: CallbackHeaders): PaymentNotification {
    return verifySignedNotification(this.publicKey, rawBody, headers, this.now());
  }
}
