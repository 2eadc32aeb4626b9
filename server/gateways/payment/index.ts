/** 统一支付: the adapter interface, the sandbox adapter and the sandbox service. */
export type * from './gateway.ts';
export { SandboxPaymentGateway, type SandboxPaymentGatewayOptions } from './sandbox-gateway.ts';
export { startPaymentSandbox, type PaymentSandbox, type PaymentSandboxControl, type PaymentSandboxOptions } from './sandbox-service.ts';
export { PAYMENT_SIGNATURE_HEADERS, signNotification } from './notification-signature.ts';
export { NOTIFY_MODES, type NotifyMode, type NotifyPlan } from './sandbox-orders.ts';
export { formatYuan } from './pay-page.ts';
