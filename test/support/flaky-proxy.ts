import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  const targetUrl = new URL(target);
  const basePath = targetUrl.pathname.replace(/\/$/, '');
  let picked = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').replace(basePath, '');
    if (pick(req.method ?? 'GET', path) && ++picked <= failures) {
      req.resume();
      res.writeHead(503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ type: 'ServiceUnavailable', message: 'engine restarting' }));
      return;
    }
    const upstream = request(
      { hostname: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: { ...req.headers, host: targetUrl.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    picked: () => picked,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
