import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config/schema.ts';

/** What every log line written while serving one request carries: the request's id (X-Request-Id). */
const requestScope = new AsyncLocalStorage<{ reqId: string }>();

/** Runs the rest of a request's handling in its scope: whatever logs meanwhile names the request. */
export function inRequestScope<T>(reqId: string, work: () => T): T {
  return requestScope.run({ reqId }, work);
}

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
