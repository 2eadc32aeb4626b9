/** The parts of Camunda 7's migration and batch REST API that we use (docs.camunda.org: Migration, Batch). */

/** One instruction of a migration plan: the source activity's instances become the target activity's. */
export interface MigrationInstruction {
  sourceActivityIds: string[];
  targetActivityIds: string[];
  updateEventTrigger?: boolean;
}

/** POST /migration/generate: the instructions the engine found for two definitions (activities of the same id and type). */
export interface MigrationPlan {
  sourceProcessDefinitionId: string;
  targetProcessDefinitionId: string;
  instructions: MigrationInstruction[];
  variables?: Record<string, unknown> | null;
}

/** POST /migration/validate: the instructions and variables the engine cannot apply, each with its failures in words (English). */
export interface MigrationPlanReport {
  instructionReports: { instruction: MigrationInstruction; failures: string[] }[];
  variableReports: Record<string, { failures: string[] }>;
}

/** A batch of the engine (POST /migration/executeAsync, GET /batch/{id}); deleted by the engine once every job of it is done. */
export interface Batch {
  id: string;
  type: string;
  totalJobs: number;
  jobsCreated: number;
  batchJobsPerSeed: number;
  invocationsPerBatchJob: number;
  seedJobDefinitionId: string;
  monitorJobDefinitionId: string;
  batchJobDefinitionId: string;
  suspended: boolean;
  createUserId?: string | null;
}

/** GET /batch/statistics: remainingJobs counts the failed jobs and those the seed job has yet to create. */
export interface BatchStatistics extends Batch {
  remainingJobs: number;
  completedJobs: number;
  failedJobs: number;
}
