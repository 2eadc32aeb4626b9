import { loadConfigOrExit } from './config/load.ts';
import { createLogger } from './logger.ts';
import { startServer, type RunningServer } from './bootstrap.ts';

const config = loadConfigOrExit();
const logger = createLogger(config, 'server');

let running: RunningServer | undefined;
let stopping = false;
// installed before start-up, so that a signal during start-up also ends cleanly
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await running?.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

try {
  running = await startServer(config, logger);
  if (stopping) await running.close();
} catch (err) {
  logger.fatal({ err }, 'server failed to start');
  process.exit(1);
}
