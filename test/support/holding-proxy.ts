import type { ServerResponse } from 'node:http';
import { startInterceptingProxy } from './intercepting-proxy.ts';
import { BATCH_COMPLETE_PATH } from '../../workers/runtime/batch-completion.ts';

/** A worker's "complete" call: the batch completion its runtime uses, or a single one. */
export const isCompletion = (method: string, path: string): boolean =>
  method === 'POST' && (path === BATCH_COMPLETE_PATH || /^\/external-task\/[^/]+\/complete$/.test(path));

/**
 * A loopback HTTP proxy in front of the engine that forwards everything except the requests a
 * test wants to hold: those never reach the engine, as if the worker died while sending them.
 */
export interface HoldingProxy {
  url: string;
  /** resolves with the path of the first held request */
  held: Promise<string>;
  close(): Promise<void>;
}

export async function startHoldingProxy(target: string, hold: (method: string, path: string) => boolean): Promise<HoldingProxy> {
  let onHeld: (path: string) => void = () => {};
  const held = new Promise<string>((resolve) => (onHeld = resolve));
  const heldResponses: ServerResponse[] = [];
  const proxy = await startInterceptingProxy(target, (req, res, path) => {
    if (!hold(req.method ?? 'GET', path)) return false;
    heldResponses.push(res);
    onHeld(path);
    return true;
  });
  return {
    url: proxy.url,
    held,
    close: async () => {
      heldResponses.forEach((r) => r.destroy());
      await proxy.close();
    },
  };
}
