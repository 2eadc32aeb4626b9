import { loadConfigOrExit } from '../server/config/load.ts';
import { createLogger } from '../server/logger.ts';
import { startWorkers, type RunningWorkers } from './start.ts';

const config = loadConfigOrExit();
const logger = createLogger(config, 'workers');

let workers: RunningWorkers | undefined;
let stopping = false;
// installed before start-up, so that a SIGTERM during start-up also ends cleanly
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal, inFlight: workers?.runtime.inFlight() ?? 0 }, 'stopping workers: finishing running tasks');
  await workers?.stop(15_000);
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

try {
  workers = await startWorkers(config, logger);
  if (stopping) await workers.stop(15_000);
} catch (err) {
  logger.fatal({ err }, 'workers failed to start');
  process.exit(1);
}
