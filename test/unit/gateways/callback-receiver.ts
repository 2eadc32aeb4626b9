import express from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import { listen } from '../../../server/gateways/sandbox/sandbox-server.ts';
import { eventually } from '../../support/eventually.ts';

export interface ReceivedCallback {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  at: number;
}

/**
 * A stand-in for the platform's callback endpoint: keeps each request's raw bytes and headers, as
 * the platform must to verify a signature, and can answer 500 a few times to provoke retries.
 */
export async function startCallbackReceiver() {
  const received: ReceivedCallback[] = [];
  let failuresLeft = 0;
  const app = express();
  app.post('/callback', express.raw({ type: () => true }), (req, res) => {
    received.push({ rawBody: req.body as Buffer, headers: req.headers, at: Date.now() });
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      res.status(500).send('busy');
      return;
    }
    res.json({ code: 'SUCCESS' });
  });
  const server = await listen(app, 0, '127.0.0.1');
  return {
    url: `${server.url}/callback`,
    received,
    failNext(count: number) {
      failuresLeft = count;
    },
    /** Resolves once `count` callbacks arrived; fails after timeoutMs. */
    async waitFor(count: number, timeoutMs = 5_000): Promise<ReceivedCallback[]> {
      await eventually(`${count} callbacks`, () => received.length >= count, timeoutMs, { intervalMs: 20, last: () => `${received.length} received` });
      return received.slice(0, count);
    },
    close: () => server.close(),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error a promise rejects with, or a failure when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the promise to reject');
}

/** The error a function throws, or a failure when it returns. */
export function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to throw');
}
