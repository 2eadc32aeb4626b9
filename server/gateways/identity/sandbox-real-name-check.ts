import { GatewayHttp } from '../gateway-http.ts';
import type { RealNameCheck, RealNameResult } from './real-name-check.ts';

export interface SandboxRealNameCheckOptions {
  /** the sandbox identity service, e.g. http://127.0.0.1:3103 */
  baseUrl: string;
  /** per call; default 5 s (a person waits at the registration page) */
  timeoutMs?: number;
}

/** The platform's adapter to the sandbox's real-name check (POST /api/real-name/verifications). */
export class SandboxRealNameCheck implements RealNameCheck {
  private readonly http: GatewayHttp;

  constructor(options: SandboxRealNameCheckOptions) {
    this.http = new GatewayHttp({ gateway: 'real-name', baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? 5_000 });
  }

  async verify(request: { name: string; idNo: string }): Promise<RealNameResult> {
    const answer = await this.http.request<RealNameResult>('POST', '/api/real-name/verifications', request);
    return answer.realNameLevel ? { result: answer.result, realNameLevel: answer.realNameLevel } : { result: answer.result };
  }
}
