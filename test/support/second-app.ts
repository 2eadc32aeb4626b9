import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { DestinationStream, Logger } from 'pino';
import { createLogger } from '../../server/logger.ts';
import { buildApp } from '../../server/app.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import type { AccountSettings, Config } from '../../server/config/schema.ts';
import { testEnv } from './environment.ts';
import { withResponseCheck } from './openapi-responses.ts';

export interface SecondApp {
  url: string;
  tokens: TokenService;
  /** the JSON lines its logger wrote (when `captureLog`) */
  log: Record<string, unknown>[];
  agent: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * Another HTTP front on the running platform's database and engine, with other settings: its own
 * rate limits (a test may use them up without touching the main server's), TRUST_PROXY, the
 * account settings, a clock to move. Tokens are shared with the main server unless the clock or a
 * lifetime is given (then this app's own TokenService, on the same database and JWT secret).
 * Its answers are held against the API document like the main server's (./openapi-responses.ts).
 */
export async function startSecondApp(
  options: { config?: Partial<Config>; accounts?: Partial<AccountSettings>; now?: () => number; ttlSeconds?: number; captureLog?: boolean } = {},
): Promise<SecondApp> {
  const base = testEnv().server.ctx;
  const config: Config = { ...base.config, ...options.config, accounts: { ...base.config.accounts, ...options.accounts } };
  const tokens =
    options.now || options.ttlSeconds || options.accounts
      ? new TokenService(config.jwtSecret, options.ttlSeconds ?? config.tokenTtlSeconds, {
          accountCheckSeconds: config.accounts.checkSeconds,
          sessionIdleMinutes: config.accounts.sessionIdleMinutes,
          now: options.now,
        })
      : base.tokens;
  const log: Record<string, unknown>[] = [];
  const logger: Logger = options.captureLog
    ? createLogger({ logLevel: 'debug' }, 'second-app', {
        write: (line: string) => void log.push(JSON.parse(line) as Record<string, unknown>),
      } as DestinationStream)
    : base.logger;
  const app = buildApp({ ...base, config, tokens, logger });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokens,
    log,
    agent: () => withResponseCheck(request(url)),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
