import { loadConfig } from './config/load.ts';
import { createLogger } from './logger.ts';
import { startServer } from './bootstrap.ts';

const config = loadConfig();
const logger = createLogger(config, 'server');

try {
  const running = await startServer(config, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await running.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (err) {
  logger.fatal({ err }, 'server failed to start');
  process.exit(1);
}
