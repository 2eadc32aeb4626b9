import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config/schema.ts';

/** The request being served: its id (X-Request-Id) and the client's address (as the trusted proxies tell it). */
export interface RequestScope {
  reqId: string;
  clientAddress: string | null;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/** Runs the rest of a request's handling in its scope: whatever logs meanwhile names the request. */
export function inRequestScope<T>(scope: RequestScope, work: () => T): T {
  return requestScope.run(scope, work);
}

/** The request being served, if any (the audit trail takes the client's address from it). */
export const currentRequest = (): RequestScope | undefined => requestScope.getStore();

/**
 * JSON logs (stdout unless a destination is given); each component adds its own context with
 * child(). A line written while a request is served carries its id, whichever logger wrote it (the
 * domain's, the engine client's), so one request's lines can be found together.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, name: string, destination?: DestinationStream): Logger {
  const options = {
    name,
    level: config.logLevel,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => requestScope.getStore() ?? {},
  };
  return destination ? pino(options, destination) : pino(options);
}
