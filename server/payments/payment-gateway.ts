import type { Config } from '../config/schema.ts';
import { SandboxPaymentGateway, type PaymentGateway } from '../gateways/payment/index.ts';

let cached: { key: string; gateway: PaymentGateway } | undefined;

/**
 * The configured payment gateway. Only the sandbox adapter exists so far; a real provider is
 * another PaymentGateway chosen here by configuration, and nothing else changes.
 */
export function paymentGateway(config: Config): PaymentGateway {
  const { gatewayUrl, publicKeyPem } = config.payment;
  if (!gatewayUrl || !publicKeyPem) throw new Error('no payment gateway configured: set PAYMENT_GATEWAY_URL and PAYMENT_GATEWAY_PUBLIC_KEY');
  const key = `${gatewayUrl}\n${publicKeyPem}`;
  if (cached?.key !== key) cached = { key, gateway: new SandboxPaymentGateway({ baseUrl: gatewayUrl, publicKeyPem }) };
  return cached.gateway;
}

/** Where the gateway posts its notifications, on this platform's public address. */
export const notifyUrlOf = (config: Config) => `${config.publicUrl}/api/v1/gateways/payment/notify`;
