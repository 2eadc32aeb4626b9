import { pino, type Logger } from 'pino';
import type { Config } from './config/schema.ts';

/** JSON logs on stdout; each component adds its own context with child(). */
export function createLogger(config: Pick<Config, 'logLevel'>, name: string): Logger {
  return pino({ name, level: config.logLevel, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}
