/**
 * The outside systems of a platform on one machine (`npm start`, `npm run cluster`): where no real
 * gateway or carrier is configured, the sandboxes run in the calling process on their own ports,
 * keeping their orders, waybills and keys in DATA_DIR/sandboxes. Gives the environment that points
 * the server and the workers at them, and the sandboxes to close.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../server/config/schema.ts';
import { startPaymentSandbox, type PaymentSandbox } from '../../server/gateways/payment/index.ts';
import { startCarrierSandbox, type CarrierSandbox } from '../../server/gateways/logistics/index.ts';
import { startIdentitySandbox, type IdentitySandbox } from '../../server/gateways/identity/index.ts';
import { startSmsSandbox, type SmsSandbox } from '../../server/gateways/sms/index.ts';
import { startExchangeSandbox, type ExchangeSandbox } from '../../server/gateways/province/index.ts';
import { startRegistriesSandbox, type RegistriesSandbox } from '../../server/gateways/registries/index.ts';

export type Sandbox = PaymentSandbox | CarrierSandbox | IdentitySandbox | SmsSandbox | ExchangeSandbox | RegistriesSandbox;

/** `anyPort`: each on a free port (tests), not on its fixed one (PAYMENT_SANDBOX_PORT … or 3101 …) */
export async function startOutsideSystems(
  config: Config,
  sandboxes: Sandbox[],
  say: (message: string) => void,
  { anyPort = false }: { anyPort?: boolean } = {},
): Promise<Record<string, string>> {
  const portOf = (variable: string, fixed: number) => (anyPort ? 0 : Number(process.env[variable] ?? fixed));
  const env: Record<string, string> = {};
  const dir = join(config.dataDir, 'sandboxes');
  mkdirSync(dir, { recursive: true });
  if (!config.payment.gatewayUrl) {
    const payments = await startPaymentSandbox({ port: portOf('PAYMENT_SANDBOX_PORT', 3101), dataFile: join(dir, 'payment.json') });
    sandboxes.push(payments);
    Object.assign(env, { PAYMENT_GATEWAY_URL: payments.url, PAYMENT_GATEWAY_PUBLIC_KEY: payments.publicKeyPem });
    say(`sandbox payment gateway on ${payments.url}`);
  }
  if (!config.carrier.url) {
    const carrier = await startCarrierSandbox({ port: portOf('CARRIER_SANDBOX_PORT', 3102), dataFile: join(dir, 'carrier.json') });
    sandboxes.push(carrier);
    Object.assign(env, { CARRIER_URL: carrier.url, CARRIER_CALLBACK_SECRET: carrier.callbackSecret });
    say(`sandbox carrier on ${carrier.url}`);
  }
  // 统一身份认证 (OpenID Connect) with its population's real-name check, and the SMS gateway of the registration
  let identity: IdentitySandbox | undefined;
  if (!config.identity.oidcIssuer || !config.identity.realNameCheckUrl) {
    identity = await startIdentitySandbox({
      port: portOf('IDENTITY_SANDBOX_PORT', 3103),
      dataFile: join(dir, 'identity.json'),
      client: { redirectUris: [`${config.publicUrl}/login/oidc`] },
    });
    sandboxes.push(identity);
    if (!config.identity.oidcIssuer)
      Object.assign(env, { OIDC_ISSUER: identity.issuer, OIDC_CLIENT_ID: identity.clientId, OIDC_CLIENT_SECRET: identity.clientSecret });
    if (!config.identity.realNameCheckUrl) Object.assign(env, { REAL_NAME_CHECK_URL: identity.url });
    say(`sandbox identity provider on ${identity.url}`);
  }
  if (!config.identity.smsGatewayUrl) {
    const sms = await startSmsSandbox({ port: portOf('SMS_SANDBOX_PORT', 3104), dataFile: join(dir, 'sms.json') });
    sandboxes.push(sms);
    Object.assign(env, { SMS_GATEWAY_URL: sms.url });
    say(`sandbox SMS gateway on ${sms.url} (outbox: ${sms.url}/sandbox/outbox)`);
  }
  // 办件数据汇聚: the provincial exchange every case event is reported to
  if (!config.province.exchangeUrl) {
    const exchange = await startExchangeSandbox({ port: portOf('PROVINCE_SANDBOX_PORT', 3105), dataFile: join(dir, 'province-exchange.ndjson') });
    sandboxes.push(exchange);
    Object.assign(env, { PROVINCE_EXCHANGE_URL: exchange.url, PROVINCE_EXCHANGE_APP_ID: exchange.appId, PROVINCE_EXCHANGE_SECRET: exchange.secret });
    say(`sandbox provincial exchange on ${exchange.url}`);
  }
  // 共享数据: 人口库 and 法人库, whose first records are the identity sandbox's people and companies
  if (!config.registries.url) {
    const people = identity?.control;
    const registries = await startRegistriesSandbox({
      port: portOf('REGISTRIES_SANDBOX_PORT', 3106),
      dataFile: join(dir, 'registries.json'),
      population: people ? () => people.population() : undefined,
    });
    sandboxes.push(registries);
    Object.assign(env, { REGISTRIES_URL: registries.url, REGISTRIES_APP_ID: registries.appId, REGISTRIES_SECRET: registries.secret });
    say(`sandbox population and legal-person registries on ${registries.url}`);
  }
  return env;
}
