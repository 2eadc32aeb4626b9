import { randomInt } from 'node:crypto';
import { expect } from 'chai';
import { testEnv } from './environment.ts';

/**
 * The unified sign-in driven over HTTP as a browser would: GET /auth/oidc/start, the sandbox
 * provider's login and consent pages (forms posted with the provider's cookies), back to the web
 * app's /login/oidc with code and state, and POST /auth/oidc/callback with the transaction cookie.
 */

/** Cookies per origin, as a browser keeps them (paths ignored: one provider, one platform). */
class Jar {
  private readonly cookies = new Map<string, Map<string, string>>();

  take(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
    }
    this.cookies.set(origin, jar);
  }

  header(url: string): string {
    return [...(this.cookies.get(new URL(url).origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface ProviderAnswer {
  /** the query the provider sent the browser back with (code, state, iss; or error) */
  query: URLSearchParams;
  /** the platform's transaction cookie, as the browser would send it */
  cookie: string;
  /** the pages the provider showed on the way */
  pages: string[];
}

async function go(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) } });
  jar.take(url, response);
  return response;
}

/**
 * Starts the sign-in and goes through the provider as `subject` (a sandbox subject: `np-…` or
 * `<company key>~<person>`), consenting; stops when the provider sends the browser back to the
 * platform. `refuseConsent` clicks 拒绝 instead.
 */
export async function throughProvider(
  kind: 'person' | 'company',
  subject: string,
  options: { mfa?: boolean; refuseConsent?: boolean; forwardedFor?: string } = {},
): Promise<ProviderAnswer> {
  const env = testEnv();
  const jar = new Jar();
  const start = await go(jar, `${env.url}/api/v1/auth/oidc/start?kind=${kind}`, {
    headers: options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {},
  });
  expect(start.status, await start.clone().text()).to.equal(302);
  let location = new URL(start.headers.get('location')!, env.url).href;
  expect(location.startsWith(env.identity.issuer), location).to.equal(true);
  const pages: string[] = [];
  const hops: string[] = [];
  for (let hop = 0; hop < 20; hop++) {
    hops.push(location);
    if (location.startsWith(`${env.url}/login/oidc`)) {
      return { query: new URL(location).searchParams, cookie: jar.header(env.url), pages };
    }
    const response = await go(jar, location);
    if (response.status >= 300 && response.status < 400) {
      location = new URL(response.headers.get('location')!, location).href;
      continue;
    }
    const html = await response.text();
    pages.push(html);
    expect(response.status, html.slice(0, 500)).to.equal(200);
    const uid = /\/interaction\/([^/"]+)\/(login|confirm)/.exec(html);
    if (!uid) throw new Error(`the provider showed a page without a form: ${html.slice(0, 300)}`);
    const base = new URL(location).origin;
    if (uid[2] === 'login') {
      const form = new URLSearchParams({ subject, ...(options.mfa ? { mfa: 'on' } : {}) });
      const posted = await go(jar, `${base}/interaction/${uid[1]}/login`, {
        method: 'POST',
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      if (posted.status !== 303 && posted.status !== 302) {
        const alert = /role="alert">([^<]*)</.exec(await posted.text());
        throw new Error(`the provider refused the sign-in (${posted.status}): ${alert?.[1] ?? 'no reason shown'}`);
      }
      location = new URL(posted.headers.get('location')!, base).href;
    } else {
      const posted = options.refuseConsent
        ? await go(jar, `${base}/interaction/${uid[1]}/abort`)
        : await go(jar, `${base}/interaction/${uid[1]}/confirm`, { method: 'POST' });
      expect([302, 303]).to.include(posted.status);
      location = new URL(posted.headers.get('location')!, base).href;
    }
  }
  throw new Error(`the provider never sent the browser back: ${hops.join(' → ')}`);
}

/** The provider's answer posted to the platform as the web app's /login/oidc page posts it. */
export async function finishAtPlatform(answer: ProviderAnswer, headers: Record<string, string> = {}) {
  const body: Record<string, string> = {};
  for (const key of ['code', 'state', 'iss']) {
    const value = answer.query.get(key);
    if (value !== null) body[key] = value;
  }
  const response = await fetch(`${testEnv().url}/api/v1/auth/oidc/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: answer.cookie, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

/** Signs in through the provider and answers the platform's reply. */
export async function oidcSignIn(kind: 'person' | 'company', subject: string, options: { mfa?: boolean; forwardedFor?: string } = {}) {
  const answer = await throughProvider(kind, subject, options);
  return finishAtPlatform(answer, options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {});
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const issued = new Set<string>();

/** A resident ID number nobody else in the run has (Changsha, born 1970–1999, check digit right). */
export function freshIdNo(): string {
  for (;;) {
    const birth = `${1970 + randomInt(30)}${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}`;
    const body = `430102${birth}${String(randomInt(1000)).padStart(3, '0')}`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
    const idNo = body + '10X98765432'[sum % 11];
    if (!issued.has(idNo)) return (issued.add(idNo), idNo);
  }
}

/** A mobile number nobody else in the run has. */
export function freshPhone(): string {
  for (;;) {
    const phone = `1${3 + randomInt(7)}${String(randomInt(1_000_000_000)).padStart(9, '0')}`;
    if (!issued.has(phone)) return (issued.add(phone), phone);
  }
}
