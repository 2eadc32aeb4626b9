/**
 * The load balancer in front of a cluster on one machine (scripts/cluster/cluster.ts): nginx from
 * Debian's packages, run in the foreground with a configuration of our own under the cluster's
 * directory. Two addresses:
 *  - the platform's one address (`url`): the API and the web pages round robin over the server
 *    nodes; a node that refuses connections is skipped (a request nginx could not hand over is
 *    passed to the next node; one it had sent is never sent twice — nginx retries no POST once it
 *    reached a node, so nothing is submitted twice by the balancer); socket.io connections stay on
 *    one node per client address (ip_hash), as its long-polling fallback needs, and events cross
 *    nodes through Redis (server/live/live.ts);
 *  - the engines' address (`engineUrl`), on loopback only, for the servers and the workers: round
 *    robin over the engine nodes, long polls held up to two minutes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BalancerOptions {
  /** its configuration, logs and temporary files */
  dir: string;
  /** the platform's port (listens on 0.0.0.0 when `bind` says so, else loopback) */
  port: number;
  bind?: string;
  /** the engines' port, loopback only */
  enginePort: number;
  serverPorts: number[];
  enginePorts: number[];
}

export interface Balancer {
  url: string;
  /** http://127.0.0.1:<enginePort>/engine-rest */
  engineUrl: string;
  pid: number;
  ended: Promise<string>;
  stop(): Promise<void>;
}

/** nginx's path, installed from Debian's packages by scripts/cluster.sh */
export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? 'nginx';

export function nginxConfig(options: BalancerOptions): string {
  const { dir } = options;
  const upstream = (ports: number[], extra = '') =>
    ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=3s;`).join('\n') + (extra ? `\n${extra}` : '');
  return `# written by scripts/cluster/balancer.ts: changes here are overwritten at the next start
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;

events {
  worker_connections 4096;
}

http {
  access_log ${join(dir, 'access.log')};
  client_body_temp_path ${join(dir, 'tmp', 'body')};
  proxy_temp_path ${join(dir, 'tmp', 'proxy')};
  fastcgi_temp_path ${join(dir, 'tmp', 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'tmp', 'uwsgi')};
  scgi_temp_path ${join(dir, 'tmp', 'scgi')};
  server_tokens off;
  # uploads are checked by the server (its own limit is lower)
  client_max_body_size 64m;
  # nothing written to disk: bodies stream to the node, answers stream back (the data directory is
  # its owner's alone, and nginx's workers run as another user)
  proxy_request_buffering off;
  proxy_max_temp_file_size 0;

  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
  }

  upstream servers {
${upstream(options.serverPorts, '    keepalive 32;')}
  }

  upstream live {
    ip_hash;
${upstream(options.serverPorts)}
  }

  upstream engines {
${upstream(options.enginePorts, '    keepalive 32;')}
  }

  server {
    listen ${options.bind ?? '127.0.0.1'}:${options.port};
    proxy_http_version 1.1;
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_connect_timeout 2s;
    proxy_read_timeout 120s;
    # a node that is down or answers 502/503 while it stops: the next node (never a request that had
    # reached a node, unless it is idempotent)
    proxy_next_upstream error timeout http_502 http_503;
    proxy_next_upstream_tries 2;

    location /api/v1/socket.io/ {
      proxy_pass http://live;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
    }

    location / {
      proxy_pass http://servers;
      proxy_set_header Connection "";
    }
  }

  server {
    listen 127.0.0.1:${options.enginePort};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_connect_timeout 2s;
    # fetchAndLock long polls (the workers ask for up to a minute)
    proxy_read_timeout 120s;
    proxy_next_upstream error timeout http_502 http_503;
    proxy_next_upstream_tries 2;

    location / {
      proxy_pass http://engines;
    }
  }
}
`;
}

/** Writes the configuration, checks it with `nginx -t`, and runs nginx in the foreground. */
export async function startBalancer(options: BalancerOptions): Promise<Balancer> {
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(options.dir, 'tmp', sub), { recursive: true });
  const conf = join(options.dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(options));
  const args = ['-p', options.dir, '-c', conf, '-e', join(options.dir, 'error.log')];
  const test = spawnSync(NGINX, [...args, '-t', '-q'], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refused its configuration ${conf}: ${test.stderr || test.error?.message}`);
  const child: ChildProcess = spawn(NGINX, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const ended = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}${stderr ? `: ${stderr.trim()}` : ''}`)),
  );
  const url = `http://${options.bind && options.bind !== '0.0.0.0' ? options.bind : '127.0.0.1'}:${options.port}`;
  // listening once a request gets any answer (a 502 while no server node is up yet)
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx ended at its start: ${await ended}`);
    const answered = await fetch(`${url}/nginx-ready`, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (i > 100) throw new Error('nginx did not listen within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    engineUrl: `http://127.0.0.1:${options.enginePort}/engine-rest`,
    pid: child.pid!,
    ended,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // QUIT: a graceful stop (open connections finish)
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await ended;
        clearTimeout(timer);
      }
    },
  };
}
