/**
 * The platform's API as a client of one address sees it (a server node's own, or the balancer's),
 * over plain fetch: the cluster tests run without the lane's platform, so test/support/api.ts (bound
 * to that platform) is not theirs. Only the calls the cluster tests make.
 */
import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import { DEMO_PASSWORD } from '../../../server/auth/demo-accounts.ts';
import { samplePdf, samplePng } from '../../support/files.ts';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export class ClusterClient {
  constructor(readonly base: string) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** a demo account without a second factor (applicant, clerk, reviewer) */
  async signIn(username: string): Promise<string> {
    const res = await this.call<{ token: string }>('POST', '/auth/login', undefined, { username, password: DEMO_PASSWORD });
    expect(res.status, `sign-in of ${username} at ${this.base}: ${JSON.stringify(res.body)}`).to.equal(200);
    return res.body.token;
  }

  async upload(token: string, name: string, bytes: Buffer): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    const res = await fetch(`${this.base}/api/v1/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    const body = (await res.json()) as { id: string };
    expect(res.status, `upload at ${this.base}: ${JSON.stringify(body)}`).to.equal(201);
    return body.id;
  }

  /** the two materials of SCJG-GT-001 (test/support/case-data.ts ITEM) */
  async materials(token: string) {
    return [
      { code: 'operator-id', attachmentId: await this.upload(token, 'id.png', samplePng()) },
      { code: 'premises-proof', attachmentId: await this.upload(token, '租赁合同.pdf', samplePdf('租赁合同')) },
    ];
  }

  /** the live inbox of a signed-in person at this address (socket.io, as the pages connect) */
  live(token: string): Promise<Socket> {
    const socket = io(this.base, { path: '/api/v1/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (err) => reject(new Error(`socket.io at ${this.base}: ${err.message}`)));
    });
  }
}
