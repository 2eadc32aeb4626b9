import { GatewayHttp } from '../gateway-http.ts';
import type { SmsGateway, SmsMessage } from './sms-gateway.ts';

export interface SandboxSmsGatewayOptions {
  /** where the sandbox SMS service listens, e.g. http://127.0.0.1:3104 */
  baseUrl: string;
  /** per call; default 5 s */
  timeoutMs?: number;
}

/** The platform's adapter to the sandbox SMS service (POST /api/messages). */
export class SandboxSmsGateway implements SmsGateway {
  private readonly http: GatewayHttp;

  constructor(options: SandboxSmsGatewayOptions) {
    this.http = new GatewayHttp({ gateway: 'sms', baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? 5_000 });
  }

  async send(message: SmsMessage): Promise<{ messageId: string }> {
    const { messageId } = await this.http.request<{ messageId: string }>('POST', '/api/messages', message);
    return { messageId };
  }
}
