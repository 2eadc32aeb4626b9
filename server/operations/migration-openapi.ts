import { always, answer, bearer, clean, error, json, nullable, type Paths } from '../openapi/helpers.ts';
import { migrationPlanSchema, migrationStartSchema } from '../../contract/requests/migration.ts';

const localizedText = { type: 'string', description: 'in the language of Accept-Language' };
const step = always({
  id: { type: 'string', description: 'the activity id' },
  name: { type: 'string', description: "the step's name in the BPMN (its id when unnamed)" },
});
const steps = { type: 'array', items: step };
const version = { type: 'integer', minimum: 1 };
const planBody = { required: true, content: json(clean(migrationPlanSchema)) };

/** 迁移运行中的办件: the paths of a migration between two deployed versions of a process (administrators). */
export function migrationPaths(): Paths {
  return {
    '/operations/migrations/versions/{processKey}': {
      get: {
        summary: 'The deployed versions of a process (administrators), newest first, with how many process instances run on each: the choices of a migration',
        security: bearer,
        parameters: [
          { name: 'processKey', in: 'path', required: true, schema: { type: 'string' }, description: 'the BPMN process id (item_<code>, bundle_<code> …)' },
        ],
        responses: {
          200: answer(
            'the versions',
            always({
              processKey: { type: 'string' },
              versions: {
                type: 'array',
                items: always({
                  version,
                  processDefinitionId: { type: 'string' },
                  name: nullable(),
                  running: { type: 'integer', description: 'running process instances' },
                }),
              },
            }),
          ),
          404: error('no deployed version of that process key'),
        },
      },
    },
    '/operations/migrations/plan': {
      post: {
        summary:
          "What a migration from one version to another would do (administrators): the engine's generated plan (POST /migration/generate: source step → target step), the source's steps without an instruction with how many instances are in each, the engine's validation of the plan (POST /migration/validate) in words, and each running instance of the source with its case: whether it would fail and why (an instance in a step the plan does not map). Changes nothing",
        security: bearer,
        requestBody: planBody,
        responses: {
          200: answer(
            'the plan and its check',
            always({
              processKey: { type: 'string' },
              source: always({ version, processDefinitionId: { type: 'string' }, running: { type: 'integer' } }),
              target: always({ version, processDefinitionId: { type: 'string' } }),
              instructions: { type: 'array', items: always({ source: steps, target: steps, updateEventTrigger: { type: 'boolean' } }) },
              unmapped: {
                type: 'array',
                description: 'steps of the source version the plan has no instruction for; an instance in one would fail',
                items: always({ ...step.properties, instances: { type: 'integer' } }),
              },
              problems: { type: 'array', items: localizedText, description: "the engine's validation failures of the plan (the engine's own words kept)" },
              instances: {
                type: 'array',
                items: always({
                  processInstanceId: { type: 'string' },
                  caseNo: nullable(),
                  steps: { ...steps, description: 'where the instance is now' },
                  ok: { type: 'boolean', description: 'the plan carries it over' },
                  reason: { ...nullable(), description: 'why it would fail, in the language of Accept-Language' },
                }),
              },
              migratable: { type: 'integer' },
              failing: { type: 'integer' },
              truncated: { type: 'boolean', description: 'more instances run than are checked at once (1000): choose instances' },
            }),
          ),
          404: error('no such process key or version'),
          422: error('a field missing or malformed, or the same version on both sides'),
        },
      },
    },
    '/operations/migrations': {
      post: {
        summary:
          "Migrate running instances to another version (administrators): checked again as the plan is; a plan the engine finds invalid or an instance that would fail is refused with each named, and nothing is migrated. Otherwise one batch of the engine (POST /migration/executeAsync) migrates them, each case's timeline says so (case.migrated, at submission) and the audit trail records who, from and to which version, how many and why (operations.instances_migrated)",
        security: bearer,
        requestBody: { required: true, content: json(clean(migrationStartSchema)) },
        responses: {
          202: answer(
            'the batch is running: follow it at GET /operations/migrations/{batchId}',
            always({
              batchId: { type: 'string' },
              processKey: { type: 'string' },
              sourceVersion: version,
              targetVersion: version,
              total: { type: 'integer' },
              instances: { type: 'array', items: always({ processInstanceId: { type: 'string' }, caseNo: nullable() }) },
            }),
          ),
          404: error('no such process key or version'),
          409: error('the engine refused the migration (an instance changed meanwhile); nothing was migrated'),
          422: error(
            'a field missing or malformed, no reason, the same version twice, an instance that is not running on the source version, no running instance, an invalid plan, or instances that would fail (each named); nothing was migrated',
          ),
        },
      },
    },
    '/operations/migrations/{batchId}': {
      get: {
        summary:
          "A migration batch's progress (administrators): its jobs done, remaining and failed, each failure with its instance, case and the engine's message, and (on the server node that started it) where each instance is now; finished once every job is done (the engine then deletes the batch) or those left failed for good",
        security: bearer,
        parameters: [{ name: 'batchId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: answer(
            'the progress',
            always({
              batchId: { type: 'string' },
              processKey: nullable(),
              sourceVersion: { type: ['integer', 'null'] },
              targetVersion: { type: ['integer', 'null'] },
              total: { type: 'integer' },
              done: { type: 'integer' },
              failed: { type: 'integer', description: 'jobs whose retries ran out' },
              remaining: { type: 'integer', description: 'jobs not done, the failed ones included' },
              finished: { type: 'boolean' },
              failures: {
                type: 'array',
                items: always({
                  jobId: { type: 'string' },
                  processInstanceId: nullable(),
                  caseNo: nullable(),
                  message: { type: 'string', description: "the engine's exception message" },
                  retries: { type: 'integer', description: 'retries left (0: failed for good, an incident)' },
                }),
              },
              instances: {
                oneOf: [
                  { type: 'null' },
                  {
                    type: 'array',
                    items: always({
                      processInstanceId: { type: 'string' },
                      caseNo: nullable(),
                      state: { type: 'string', enum: ['migrated', 'pending', 'failed', 'ended'] },
                    }),
                  },
                ],
                description: 'each instance and where it is now (null on a node that did not start the batch)',
              },
            }),
          ),
          404: error('no such migration batch running (the engine removes a finished batch), or not a migration'),
        },
      },
    },
  };
}
