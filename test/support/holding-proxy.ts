import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  const targetUrl = new URL(target);
  const basePath = targetUrl.pathname.replace(/\/$/, '');
  let onHeld: (path: string) => void = () => {};
  const held = new Promise<string>((resolve) => (onHeld = resolve));
  const heldResponses: ServerResponse[] = [];

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').replace(basePath, '');
    if (hold(req.method ?? 'GET', path)) {
      heldResponses.push(res);
      onHeld(path);
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
    held,
    close: async () => {
      heldResponses.forEach((r) => r.destroy());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
