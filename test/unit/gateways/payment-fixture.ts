import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SandboxPaymentGateway } from '../../../server/gateways/payment/sandbox-gateway.ts';
import { startPaymentSandbox, type PaymentSandboxOptions } from '../../../server/gateways/payment/sandbox-service.ts';
import type { CreateOrderRequest } from '../../../server/gateways/payment/gateway.ts';
import { startCallbackReceiver } from './callback-receiver.ts';

export function rsaKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A sandbox gateway with quick retries, an adapter pointed at it and a receiver for its notifications. */
export async function startPaymentFixture(options: PaymentSandboxOptions = {}) {
  const receiver = await startCallbackReceiver();
  const sandbox = await startPaymentSandbox({ dispatch: { retryDelaysMs: [50, 100, 200], timeoutMs: 2_000 }, ...options });
  const gateway = new SandboxPaymentGateway({ baseUrl: sandbox.url, publicKeyPem: sandbox.publicKeyPem, timeoutMs: 2_000 });
  const order = (overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest => ({
    merchantOrderNo: `FEE-${randomUUID().slice(0, 12)}`,
    amountFen: 1250,
    subject: '食品经营许可证工本费',
    notifyUrl: receiver.url,
    returnUrl: 'http://127.0.0.1:9/cases/430100-2026-000123',
    expiresAt: new Date(Date.now() + 60 * 60_000),
    ...overrides,
  });
  return {
    receiver,
    sandbox,
    gateway,
    order,
    async close() {
      await sandbox.close();
      await receiver.close();
    },
  };
}
