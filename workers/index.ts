import { loadConfig } from '../server/config/load.ts';
import { createLogger } from '../server/logger.ts';
import { startWorkers } from './start.ts';

const config = loadConfig();
const logger = createLogger(config, 'workers');

try {
  const workers = await startWorkers(config, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: workers.runtime.inFlight() }, 'stopping workers: finishing running tasks');
    await workers.stop(15_000);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (err) {
  logger.fatal({ err }, 'workers failed to start');
  process.exit(1);
}
