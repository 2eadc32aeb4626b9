/**
 * `npm run indicators:rebuild`: rebuilds the read model of the indicators (server/supervision) of
 * the configured app database (the environment of `npm start`: APP_DB_URL, or the embedded
 * default's data/) from the cases' own tables: the facts and counters deleted, every case projected
 * again. Safe while the platform runs. Prints its progress and the time it took.
 */
import { loadConfigOrExit } from '../server/config/load.ts';
import { openDatabase } from '../server/db/index.ts';
import { createLogger } from '../server/logger.ts';
import { rebuildIndicators } from '../server/supervision/index.ts';

const config = loadConfigOrExit();
const logger = createLogger(config, 'indicators-rebuild');
try {
  const db = await openDatabase(config);
  let shown = 0;
  const done = await rebuildIndicators({ sequelize: db.sequelize, logger }, (p) => {
    if (p.cases - shown >= 10_000) {
      shown = p.cases;
      console.error(`… ${p.cases} 件 / cases, ${(p.ms / 1000).toFixed(1)} s`);
    }
  });
  await db.close();
  console.log(`监管指标已重建 / indicators rebuilt: ${done.cases} 件 / cases in ${(done.ms / 1000).toFixed(1)} s`);
} catch (err) {
  console.error('监管指标重建失败 / the rebuild failed:', err);
  process.exit(1);
}
