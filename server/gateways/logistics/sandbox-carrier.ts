import { GatewayHttp } from '../gateway-http.ts';
import type { CallbackHeaders } from '../signed-message.ts';
import type { Carrier, CarrierCallback, CreatedWaybill, CreateWaybillRequest, TrackingEvent, WaybillEvent } from './carrier.ts';
import { verifySignedCallback } from './callback-signature.ts';

export interface SandboxCarrierOptions {
  /** where the sandbox carrier listens, e.g. http://127.0.0.1:8092 */
  baseUrl: string;
  /** the HMAC secret shared with the carrier, from configuration */
  callbackSecret: string;
  /** per HTTP call; default 10 s */
  timeoutMs?: number;
  /** our clock for the callback time window; tests move it */
  now?: () => Date;
}

/** The platform's adapter to the sandbox carrier (see sandbox-service.ts). */
export class SandboxCarrier implements Carrier {
  private readonly http: GatewayHttp;
  private readonly secret: string;
  private readonly now: () => Date;

  constructor(options: SandboxCarrierOptions) {
    // a guessable secret would let anyone mark a licence delivered
    if (options.callbackSecret.length < 16) throw new Error('the carrier callback secret must be at least 16 characters');
    this.secret = options.callbackSecret;
    this.http = new GatewayHttp({ gateway: 'logistics', baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? 10_000 });
    this.now = options.now ?? (() => new Date());
  }

  async createWaybill(request: CreateWaybillRequest): Promise<CreatedWaybill> {
    const { waybillNo, status } = await this.http.request<CreatedWaybill>('POST', '/api/waybills', request);
    return { waybillNo, status };
  }

  async track(waybillNo: string): Promise<TrackingEvent[]> {
    const route = await this.http.request<{ events: Array<{ eventId: string; event: WaybillEvent; at: string; description: string }> }>(
      'GET',
      `/api/waybills/${encodeURIComponent(waybillNo)}/events`,
    );
    return route.events.map((e) => ({ ...e, at: new Date(e.at) }));
  }

  verifyCallback(rawBody: Buffer | string, headers: CallbackHeaders): CarrierCallback {
    return verifySignedCallback(this.secret, rawBody, headers, this.now());
  }
}
