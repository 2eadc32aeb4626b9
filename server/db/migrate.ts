import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { readdirSync } from 'node:fs';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Logger } from 'pino';

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

export interface Migration {
  up(queryInterface: QueryInterface, sequelize: Sequelize): Promise<void>;
  down(queryInterface: QueryInterface, sequelize: Sequelize): Promise<void>;
}

/** The umzug instance over migrations/NNNN-*.ts, recorded in the app schema's SequelizeMeta table. */
export function migrator(sequelize: Sequelize, logger?: Logger): Umzug<QueryInterface> {
  const files = readdirSync(migrationsDir).filter((f) => /^\d{4}-.+\.ts$/.test(f)).sort();
  return new Umzug({
    migrations: files.map((file) => ({
      name: file.replace(/\.ts$/, ''),
      up: async ({ context }) => {
        const m = (await import(pathToFileURL(join(migrationsDir, file)).href)) as Migration;
        await m.up(context, sequelize);
      },
      down: async ({ context }) => {
        const m = (await import(pathToFileURL(join(migrationsDir, file)).href)) as Migration;
        await m.down(context, sequelize);
      },
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
