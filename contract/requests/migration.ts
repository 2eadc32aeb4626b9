import { engineId } from './operations.ts';
import { PROCESS_KEY_PATTERN } from './modeler.ts';

/**
 * 迁移运行中的办件 (server/operations/migration-*.ts): the system administrator's bodies for moving
 * the running instances of one deployed version of a process to another. The server validates with
 * these; the migration dialog sends them and shows the server's problems.
 */

/** a BPMN process id (the key of its deployed versions), as a draft's (./modeler.ts) */
export const PROCESS_KEY = PROCESS_KEY_PATTERN.source;
/** At most this many running instances are checked and migrated at once (choose instances for more). */
export const MIGRATION_MAX_INSTANCES = 1000;

const version = (title: string, titleEn: string) => ({ type: 'integer', minimum: 1, maximum: 1_000_000, title, 'x-title-en': titleEn }) as const;

const planProperties = {
  processKey: { type: 'string', minLength: 1, maxLength: 255, pattern: PROCESS_KEY, title: '流程标识', 'x-title-en': 'Process key' },
  sourceVersion: version('迁出版本', 'From version'),
  targetVersion: version('迁入版本', 'To version'),
} as const;

/** POST /operations/migrations/plan: what a migration from one version to another would do. */
export const migrationPlanSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['processKey', 'sourceVersion', 'targetVersion'],
  properties: planProperties,
} as const;

/** POST /operations/migrations: migrate the running instances (all of the source version unless chosen), with a reason. */
export const migrationStartSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['processKey', 'sourceVersion', 'targetVersion', 'reason'],
  properties: {
    ...planProperties,
    instanceIds: {
      type: 'array',
      minItems: 1,
      maxItems: MIGRATION_MAX_INSTANCES,
      uniqueItems: true,
      items: engineId('流程实例', 'Process instance'),
      title: '迁移的流程实例',
      'x-title-en': 'Instances to migrate',
    },
    reason: { type: 'string', minLength: 2, maxLength: 500, pattern: '\\S', title: '迁移理由', 'x-title-en': 'Reason for the migration' },
  },
} as const;

export interface MigrationPlanBody {
  processKey: string;
  sourceVersion: number;
  targetVersion: number;
}

export interface MigrationStartBody extends MigrationPlanBody {
  instanceIds?: string[];
  reason: string;
}
