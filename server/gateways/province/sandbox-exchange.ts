import { GatewayHttp } from '../gateway-http.ts';
import { signRequest } from './request-signature.ts';
import type { Acknowledgement, ExchangeDayCount, ExchangeEvent, ProvinceExchange } from './exchange.ts';

export interface SandboxExchangeOptions {
  /** where the exchange listens, e.g. http://127.0.0.1:3105 */
  baseUrl: string;
  /** the platform's app id and shared secret, given at registration */
  appId: string;
  secret: string;
  /** per call; default 10 s */
  timeoutMs?: number;
}

/** The platform's adapter to the (sandbox) provincial exchange: signed JSON over HTTP. */
export class SandboxProvinceExchange implements ProvinceExchange {
  private readonly http: GatewayHttp;

  constructor(options: SandboxExchangeOptions) {
    this.http = new GatewayHttp({
      gateway: 'province',
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? 10_000,
      sign: (method, path, body) => signRequest(options.appId, options.secret, method, path, body),
    });
  }

  async report(events: ExchangeEvent[]): Promise<Acknowledgement[]> {
    const { results } = await this.http.request<{ results: Acknowledgement[] }>('POST', '/api/case-events', { events });
    return results;
  }

  async countsOf(day: string): Promise<ExchangeDayCount> {
    return this.http.request<ExchangeDayCount>('GET', `/api/reconciliation/${encodeURIComponent(day)}`);
  }
}
