/**
 * 统一支付 (payments), the public entry for the machine steps: one order per case at the gateway,
 * and its close at expiry; the gateway's notifications and the payment page are routed by
 * payments.controller.ts.
 */
export { openPaymentOrder } from './open-order.ts';
export { closeOrderAtExpiry, expireUnpaidOrders } from './order-expiry.ts';
export { payOut } from './pay-out.ts';
