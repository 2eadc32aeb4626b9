import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of the engine: `intercept` sees each request first (its method and
 * its path below the engine's base path) and answers it itself by returning true; everything else
 * is forwarded to the engine. The holding and the flaky proxy are made of it.
 */
export async function startInterceptingProxy(
  target: string,
  intercept: (req: IncomingMessage, res: ServerResponse, path: string) => boolean,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const targetUrl = new URL(target);
  const basePath = targetUrl.pathname.replace(/\/$/, '');
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').replace(basePath, '');
    if (intercept(req, res, path)) return;
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
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
