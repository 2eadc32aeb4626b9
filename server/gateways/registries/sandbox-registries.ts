import { GatewayHttp } from '../gateway-http.ts';
import { GatewayRejectedError } from '../gateway-errors.ts';
import { signRequest } from '../province/request-signature.ts';
import type { CohortQuery, CompanyRecord, PersonRecord, PersonSummary, Registries, RegistryEvent } from './registries.ts';

export interface SandboxRegistriesOptions {
  /** where the registries listen, e.g. http://127.0.0.1:3106 */
  baseUrl: string;
  /** the platform's app id and shared secret, given at registration */
  appId: string;
  secret: string;
  /** per call; default 5 s (a lookup holds up a person or a 秒批 decision) */
  timeoutMs?: number;
}

/** The platform's adapter to the (sandbox) 人口库 and 法人库: signed JSON over HTTP; an unknown number is null. */
export class SandboxRegistries implements Registries {
  private readonly http: GatewayHttp;

  constructor(options: SandboxRegistriesOptions) {
    this.http = new GatewayHttp({
      gateway: 'registries',
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? 5000,
      sign: (method, path, body) => signRequest(options.appId, options.secret, method, path, body),
    });
  }

  private async orNull<T>(call: Promise<T>, notFound: string): Promise<T | null> {
    try {
      return await call;
    } catch (err) {
      if (err instanceof GatewayRejectedError && err.status === 404 && err.code === notFound) return null;
      throw err;
    }
  }

  async person(idNo: string): Promise<PersonRecord | null> {
    const answer = await this.orNull(this.http.request<{ person: PersonRecord }>('GET', `/api/persons/${encodeURIComponent(idNo)}`), 'person_not_found');
    return answer?.person ?? null;
  }

  async company(creditCode: string): Promise<CompanyRecord | null> {
    const answer = await this.orNull(
      this.http.request<{ company: CompanyRecord }>('GET', `/api/companies/${encodeURIComponent(creditCode)}`),
      'company_not_found',
    );
    return answer?.company ?? null;
  }

  async personsBorn(query: CohortQuery, page = { offset: 0, limit: 100 }): Promise<{ total: number; persons: PersonSummary[] }> {
    const params = new URLSearchParams({
      bornFrom: query.bornFrom,
      bornTo: query.bornTo,
      ...(query.regionCode ? { regionCode: query.regionCode } : {}),
      aliveOnly: String(query.aliveOnly ?? true),
      offset: String(page.offset),
      limit: String(page.limit),
    });
    return this.http.request('GET', `/api/persons?${params.toString()}`);
  }

  async eventsAfter(cursor: string | null, limit = 100): Promise<{ events: RegistryEvent[]; cursor: string | null }> {
    const params = new URLSearchParams({ ...(cursor === null ? {} : { after: cursor }), limit: String(limit) });
    return this.http.request('GET', `/api/events?${params.toString()}`);
  }
}
