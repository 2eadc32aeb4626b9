import { GatewayRejectedError, GatewayUnavailableError } from './gateway-errors.ts';

export interface GatewayHttpOptions {
  /** which outside system, for the errors: 'payment', 'logistics' */
  gateway: string;
  baseUrl: string;
  timeoutMs: number;
  /** extra headers on every request, e.g. a merchant's credentials */
  headers?: Record<string, string>;
  /** signs each request: the headers for the method, the path (with its query) and the exact body sent ('' for none) */
  sign?: (method: string, path: string, body: string) => Record<string, string>;
}

/**
 * JSON over HTTP to an outside system, with a deadline on every call. Whatever goes wrong on the
 * way (refused connection, timeout, 5xx, a body that is not JSON) becomes GatewayUnavailableError,
 * so a worker retries; a 4xx becomes GatewayRejectedError with the gateway's own code.
 */
export class GatewayHttp {
  private readonly baseUrl: string;

  constructor(private readonly options: GatewayHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const { gateway, timeoutMs } = this.options;
    const url = `${this.baseUrl}${path}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...this.options.headers,
          ...this.options.sign?.(method, path, payload ?? ''),
        },
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // the deadline covers the body too: a gateway that stalls mid-answer is as unavailable
      text = await response.text();
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new GatewayUnavailableError(
        gateway,
        timedOut ? `${method} ${url} timed out after ${timeoutMs} ms` : `${method} ${url} failed: ${(err as Error).message}`,
        { cause: err },
      );
    }
    const parsed = parseJson(text);
    if (response.status >= 500 || parsed === undefined) {
      throw new GatewayUnavailableError(gateway, `${method} ${url} → ${response.status}: ${text.slice(0, 300)}`);
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: unknown; message?: unknown } }).error;
      const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
      const message = typeof error?.message === 'string' ? error.message : text.slice(0, 300);
      throw new GatewayRejectedError(gateway, response.status, code, `${method} ${path} → ${response.status} ${code}: ${message}`);
    }
    return parsed as T;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
