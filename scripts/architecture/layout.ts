/**
 * The architecture as data (docs/architecture.md draws it): which folder is which kind of module.
 * A domain owns the models in its folder (server/<domain>/*.model.ts). scripts/architecture/check.ts
 * enforces it.
 */

/** Shared with the web app: imports nothing of ours but itself. */
export const CONTRACT = 'contract';

/**
 * The kernel every domain may use: configuration, errors, languages, validation, the engine's
 * REST client, the database connection and the schema's migrations, schedules, the outside systems' adapters
 * document rendering and the sealing of personal data. It imports no domain.
 */
export const KERNEL = [
  'server/config',
  'server/errors',
  'server/i18n',
  'server/validation',
  'server/engine',
  'server/scheduling',
  'server/gateways',
  'server/documents',
  'server/privacy',
  'server/storage',
  'server/db/sequelize.ts',
  'server/db/migrate.ts',
  'server/db/json-column.ts',
  'server/db/upsert-counts.ts',
  'server/logger.ts',
  'migrations',
];

/** Where the whole is assembled: these may import any domain's public entry (and the models, to bind them). */
export const COMPOSITION = [
  'server/app.ts',
  'server/context.ts',
  'server/bootstrap.ts',
  'server/index.ts',
  'server/db/index.ts',
  'server/http',
  'server/openapi',
  'workers/start.ts',
  'workers/index.ts',
  'workers/handlers.ts',
];

/** One folder per domain idea under server/: its models, data access, rules and HTTP routes. */
export const DOMAINS = [
  'acceptance',
  'appointments',
  'attachments',
  'audit',
  'auth',
  'calendar',
  'cases',
  'catalog',
  'deliveries',
  'deployments',
  'e-licenses',
  'forms',
  'hall-map',
  'health',
  'inbox',
  'instant-approval',
  'joint-review',
  'live',
  'modeler',
  'notifications',
  'online-help',
  'operations',
  'organization',
  'payments',
  'problems',
  'proactive',
  'queue',
  'ratings',
  'recognition',
  'reporting',
  'results',
  'rules',
  'seals',
  'shared-data',
  'staff',
  'supervision',
  'web',
];
