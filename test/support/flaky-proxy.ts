import { startInterceptingProxy } from './intercepting-proxy.ts';

/**
 * A loopback HTTP proxy in front of the engine that answers the first `failures` requests a test
 * picks with 503, as an engine restarting after a crash would, and forwards everything else.
 */
export interface FlakyProxy {
  url: string;
  /** how many picked requests came, failed or forwarded */
  picked(): number;
  close(): Promise<void>;
}

export async function startFlakyProxy(target: string, pick: (method: string, path: string) => boolean, failures: number): Promise<FlakyProxy> {
  let picked = 0;
  const proxy = await startInterceptingProxy(target, (req, res, path) => {
    if (!pick(req.method ?? 'GET', path) || ++picked > failures) return false;
    req.resume();
    res.writeHead(503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ type: 'ServiceUnavailable', message: 'engine restarting' }));
    return true;
  });
  return { url: proxy.url, picked: () => picked, close: proxy.close };
}
