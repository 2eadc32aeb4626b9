import type { Config } from '../config/schema.ts';
import { SandboxCarrier, type Carrier, type Contact } from '../gateways/logistics/index.ts';

const carriers = new WeakMap<Config, Carrier | null>();

/**
 * The configured carrier (one per configuration), or null when none is: CARRIER_URL and its
 * callback secret. The sandbox adapter is the only one today; a real carrier is another Carrier.
 */
export function carrierOf(config: Config): Carrier | null {
  if (!carriers.has(config)) {
    const { url, callbackSecret } = config.carrier;
    carriers.set(config, url && callbackSecret.length >= 16 ? new SandboxCarrier({ baseUrl: url, callbackSecret }) : null);
  }
  return carriers.get(config)!;
}

/** Where the carrier posts tracking callbacks: this server's public address. */
export const carrierCallbackUrl = (config: Config): string => `${config.publicUrl}/api/v1/gateways/logistics/callback`;

/**
 * Who sends the results: the government service center's window, which hands out every result
 * (统一出件). A fixed office of the demo city for now; a deployment for another city should make it
 * configuration.
 */
export const RESULTS_SENDER: Contact = {
  name: '长沙市政务服务中心统一出件窗口',
  phone: '0731-88666888',
  address: '湖南省长沙市岳麓区岳麓大道218号市政府政务服务中心',
};
