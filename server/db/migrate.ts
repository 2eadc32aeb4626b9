import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Logger } from 'pino';
import { MIGRATIONS } from '../../migrations/index.ts';

/** The umzug instance over migrations/, recorded in the app schema's SequelizeMeta table. */
export function migrator(sequelize: Sequelize, logger?: Logger): Umzug<QueryInterface> {
  return new Umzug({
    migrations: MIGRATIONS.map((m) => ({
      name: m.name,
      up: ({ context }) => m.up(context),
      down: ({ context }) => m.down(context),
    })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize }),
    logger: logger
      ? { info: (m) => logger.info(m, 'migration'), warn: (m) => logger.warn(m), error: (m) => logger.error(m), debug: () => {} }
      : undefined,
  });
}

export async function migrateUp(sequelize: Sequelize, logger?: Logger): Promise<void> {
  await migrator(sequelize, logger).up();
}
