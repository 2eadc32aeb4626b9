import type * as answers from './contract-schemas.ts';
import type { FromSchema } from './from-schema.ts';

/** The parts of the engine's migration and batch REST API that we use (docs.camunda.org: Migration, Batch), made of their schemas (contract-schemas.ts). */

/** One instruction of a migration plan: the source activity's instances become the target activity's. */
export type MigrationInstruction = FromSchema<typeof answers.migrationInstructionSchema>;

/** POST /migration/generate: the instructions the engine found for two definitions (activities of the same id and type). */
export type MigrationPlan = FromSchema<typeof answers.migrationPlanSchema>;

/** POST /migration/validate: the instructions and variables the engine cannot apply, each with its failures in words (English). */
export type MigrationPlanReport = FromSchema<typeof answers.migrationPlanReportSchema>;

/** A batch of the engine (POST /migration/executeAsync, GET /batch/{id}); deleted by the engine once every job of it is done. */
export type Batch = FromSchema<typeof answers.batchSchema>;

/** GET /batch/statistics: remainingJobs counts the failed jobs and those the seed job has yet to create. */
export type BatchStatistics = FromSchema<typeof answers.batchStatisticsSchema>;
