import type { EngineClient } from './client.ts';

/**
 * The engine's REST answers as the platform reads them: for each, exactly the fields some code of
 * ours reads (server, workers, scripts, tests), required when the engine always answers them,
 * `nullable` when it answers null. The answers' types (types.ts, migration-types.ts) are made of
 * these schemas (from-schema.ts), and test/api/engine-contract.test.ts checks every call of the
 * client and of the external task workers against them on the engine the tests start (Camunda 7, or
 * Operaton with ENGINE_FLAVOUR=operaton). A field the code starts to read goes here first; a field
 * no code reads any more leaves. The engine answers many more fields: they are allowed, unchecked.
 */

/** yyyy-MM-dd'T'HH:mm:ss.SSSZ, the engine's format of instants (server/engine/engine-date.ts writes it) */
export const instant = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}$' } as const;
const optionalInstant = { ...instant, nullable: true } as const;
const text = { type: 'string' } as const;
const optionalText = { type: 'string', nullable: true } as const;
const texts = { type: 'array', items: text } as const;
const whole = { type: 'integer' } as const;
const flag = { type: 'boolean' } as const;

export const processInstanceSchema = {
  type: 'object',
  required: ['id', 'definitionId', 'businessKey', 'ended', 'suspended'],
  properties: { id: text, definitionId: text, businessKey: optionalText, ended: flag, suspended: flag },
} as const;

/** camunda:formRef of a user task: a Camunda Form by its id (key), binding and version */
export const formRefSchema = {
  type: 'object',
  required: ['key', 'binding', 'version'],
  properties: { key: text, binding: text, version: { type: 'integer', nullable: true } },
} as const;

/** GET /task/{id}, POST /task: the form reference is camundaFormRef on Camunda 7, operatonFormRef on Operaton */
export const taskSchema = {
  type: 'object',
  required: [
    'id',
    'name',
    'assignee',
    'created',
    'due',
    'description',
    'executionId',
    'processDefinitionId',
    'processInstanceId',
    'taskDefinitionKey',
    'suspended',
    'owner',
    'delegationState',
  ],
  properties: {
    id: text,
    name: optionalText,
    assignee: optionalText,
    created: instant,
    due: optionalInstant,
    description: optionalText,
    executionId: text,
    processDefinitionId: text,
    processInstanceId: text,
    taskDefinitionKey: text,
    suspended: flag,
    owner: optionalText,
    /** 委派: PENDING while the delegate works on it, RESOLVED once handed back */
    delegationState: { type: 'string', nullable: true, enum: ['PENDING', 'RESOLVED', null] },
    camundaFormRef: { ...formRefSchema, nullable: true },
    operatonFormRef: { ...formRefSchema, nullable: true },
  },
  anyOf: [
    { required: ['camundaFormRef'], properties: { camundaFormRef: true } },
    { required: ['operatonFormRef'], properties: { operatonFormRef: true } },
  ],
} as const;

/** GET /process-instance/{id}/activity-instances: the tree of what runs where */
export const activityInstanceSchema = {
  type: 'object',
  required: ['id', 'activityId', 'activityType', 'activityName', 'executionIds', 'childActivityInstances', 'childTransitionInstances'],
  properties: {
    id: text,
    activityId: text,
    activityType: text,
    activityName: optionalText,
    executionIds: texts,
    childActivityInstances: { type: 'array', items: { $ref: '#' } },
    /** activities waiting for their asynchronous continuation (asyncBefore/asyncAfter job) */
    childTransitionInstances: {
      type: 'array',
      items: { type: 'object', required: ['id', 'activityId', 'executionId'], properties: { id: text, activityId: text, executionId: text } },
    },
  },
} as const;

export const historicActivityInstanceSchema = {
  type: 'object',
  required: ['id', 'activityId', 'activityName', 'activityType', 'processInstanceId', 'taskId', 'assignee', 'calledProcessInstanceId', 'startTime', 'endTime', 'canceled'],
  properties: {
    id: text,
    activityId: text,
    activityName: optionalText,
    activityType: text,
    processInstanceId: text,
    taskId: optionalText,
    assignee: optionalText,
    calledProcessInstanceId: optionalText,
    startTime: instant,
    endTime: optionalInstant,
    canceled: flag,
  },
} as const;

export const identityLinkSchema = {
  type: 'object',
  required: ['userId', 'groupId', 'type'],
  properties: { userId: optionalText, groupId: optionalText, type: text },
} as const;

const deployedDefinitions = {
  type: 'object',
  nullable: true,
  additionalProperties: { type: 'object', required: ['id', 'key', 'version'], properties: { id: text, key: text, version: whole } },
} as const;

/** POST /deployment/create: the definitions it made, by id (null when it made none of a kind) */
export const deploymentSchema = {
  type: 'object',
  required: ['id', 'name', 'deployedProcessDefinitions', 'deployedDecisionDefinitions'],
  properties: { id: text, name: optionalText, deployedProcessDefinitions: deployedDefinitions, deployedDecisionDefinitions: deployedDefinitions },
} as const;

export const decisionDefinitionSchema = {
  type: 'object',
  required: ['id', 'key', 'name', 'version', 'versionTag', 'deploymentId', 'tenantId'],
  properties: { id: text, key: text, name: optionalText, version: whole, versionTag: optionalText, deploymentId: text, tenantId: optionalText },
} as const;

export const processDefinitionSchema = {
  type: 'object',
  required: ['id', 'key', 'version', 'name', 'deploymentId'],
  properties: { id: text, key: text, version: whole, name: optionalText, deploymentId: text },
} as const;

/** GET /external-task, GET /external-task/{id} (what the operations console and the tests read) */
export const externalTaskSchema = {
  type: 'object',
  required: ['id', 'topicName', 'workerId', 'lockExpirationTime', 'retries', 'errorMessage', 'processInstanceId', 'businessKey', 'activityId', 'processDefinitionId', 'suspended'],
  properties: {
    id: text,
    topicName: text,
    workerId: optionalText,
    lockExpirationTime: optionalInstant,
    retries: { type: 'integer', nullable: true },
    errorMessage: optionalText,
    processInstanceId: text,
    businessKey: optionalText,
    activityId: text,
    processDefinitionId: text,
    suspended: flag,
  },
} as const;

/** GET /incident */
export const incidentSchema = {
  type: 'object',
  required: [
    'id',
    'incidentType',
    'incidentMessage',
    'processInstanceId',
    'activityId',
    'processDefinitionId',
    'executionId',
    'incidentTimestamp',
    'rootCauseIncidentId',
    'configuration',
    'annotation',
  ],
  properties: {
    id: text,
    incidentType: text,
    incidentMessage: optionalText,
    processInstanceId: text,
    activityId: text,
    processDefinitionId: text,
    executionId: optionalText,
    incidentTimestamp: instant,
    /** an incident in a called instance raises one in the calling instance too: the one where it began */
    rootCauseIncidentId: optionalText,
    /** failedExternalTask: the external task's id; failedJob: the job's id */
    configuration: optionalText,
    /** an operator's note (PUT /incident/{id}/annotation) */
    annotation: optionalText,
  },
} as const;

/** GET /history/incident: open, resolved or deleted with its instance */
export const historicIncidentSchema = {
  type: 'object',
  required: ['id', 'processInstanceId', 'incidentType', 'endTime', 'open', 'resolved'],
  properties: { id: text, processInstanceId: optionalText, incidentType: text, endTime: optionalInstant, open: flag, resolved: flag },
} as const;

/** GET /job, GET /job/{id}: a timer, an asynchronous continuation, a batch's part */
export const jobSchema = {
  type: 'object',
  required: ['id', 'processInstanceId', 'executionId', 'processDefinitionId', 'retries', 'exceptionMessage', 'suspended'],
  properties: {
    id: text,
    processInstanceId: optionalText,
    executionId: optionalText,
    processDefinitionId: optionalText,
    retries: whole,
    exceptionMessage: optionalText,
    suspended: flag,
  },
} as const;

/** GET /event-subscription: a waiting execution's message, signal, compensation or conditional event */
export const eventSubscriptionSchema = {
  type: 'object',
  required: ['id', 'eventType', 'eventName', 'executionId', 'processInstanceId', 'activityId'],
  properties: { id: text, eventType: text, eventName: optionalText, executionId: optionalText, processInstanceId: optionalText, activityId: optionalText },
} as const;

/** GET /history/task: open, completed, or deleted (cancelled), and when */
export const historicTaskSchema = {
  type: 'object',
  required: ['id', 'name', 'assignee', 'processInstanceId', 'taskDefinitionKey', 'startTime', 'endTime', 'deleteReason'],
  properties: {
    id: text,
    name: optionalText,
    assignee: optionalText,
    processInstanceId: text,
    taskDefinitionKey: text,
    startTime: instant,
    endTime: optionalInstant,
    /** "completed" when someone completed it; otherwise why the engine removed it (a modification, a completed multi-instance step …) */
    deleteReason: optionalText,
  },
} as const;

export const historicProcessInstanceSchema = {
  type: 'object',
  required: ['id', 'businessKey', 'state', 'endTime', 'startTime', 'processDefinitionId', 'processDefinitionKey'],
  properties: {
    id: text,
    businessKey: optionalText,
    state: { type: 'string', enum: ['ACTIVE', 'SUSPENDED', 'COMPLETED', 'EXTERNALLY_TERMINATED', 'INTERNALLY_TERMINATED'] },
    endTime: optionalInstant,
    startTime: instant,
    processDefinitionId: text,
    processDefinitionKey: text,
  },
} as const;

/** one instruction of a migration plan: the source activity's instances become the target activity's */
export const migrationInstructionSchema = {
  type: 'object',
  required: ['sourceActivityIds', 'targetActivityIds'],
  properties: { sourceActivityIds: texts, targetActivityIds: texts, updateEventTrigger: { type: 'boolean', nullable: true } },
} as const;

/** POST /migration/generate; sent back whole to /migration/validate and /migration/executeAsync */
export const migrationPlanSchema = {
  type: 'object',
  required: ['sourceProcessDefinitionId', 'targetProcessDefinitionId', 'instructions'],
  properties: {
    sourceProcessDefinitionId: text,
    targetProcessDefinitionId: text,
    instructions: { type: 'array', items: migrationInstructionSchema },
    variables: { type: 'object', nullable: true, additionalProperties: {} },
  },
} as const;

/** POST /migration/validate: what the engine cannot apply, each with its failures in words (English) */
export const migrationPlanReportSchema = {
  type: 'object',
  required: ['instructionReports', 'variableReports'],
  properties: {
    instructionReports: {
      type: 'array',
      items: { type: 'object', required: ['instruction', 'failures'], properties: { instruction: migrationInstructionSchema, failures: texts } },
    },
    variableReports: { type: 'object', additionalProperties: { type: 'object', required: ['failures'], properties: { failures: texts } } },
  },
} as const;

const batchProperties = { id: text, type: text, totalJobs: whole, batchJobDefinitionId: text, suspended: flag } as const;

/** POST /migration/executeAsync, GET /batch/{id} (deleted by the engine once every job of it is done) */
export const batchSchema = {
  type: 'object',
  required: ['id', 'type', 'totalJobs', 'batchJobDefinitionId', 'suspended'],
  properties: batchProperties,
} as const;

/** GET /batch/statistics: remainingJobs counts the failed jobs and those the seed job has yet to create */
export const batchStatisticsSchema = {
  type: 'object',
  required: [...batchSchema.required, 'remainingJobs', 'failedJobs'],
  properties: { ...batchProperties, remainingJobs: whole, failedJobs: whole },
} as const;

/** a variable's value as the engine answers it (GET …/variables/{name}, a decision's outputs, a locked task's variables) */
export const typedValueSchema = {
  type: 'object',
  required: ['type', 'value'],
  properties: { type: text, value: {} },
} as const;

/**
 * POST /external-task/fetchAndLock as camunda-external-task-client-js reads it for the workers (the
 * fields our handlers and the library read; workers/runtime). The library parses the body only
 * when the answer's content type is exactly application/json (the test checks that too).
 */
export const lockedExternalTaskSchema = {
  type: 'object',
  required: ['id', 'topicName', 'workerId', 'activityId', 'businessKey', 'processInstanceId', 'retries', 'lockExpirationTime', 'variables'],
  properties: {
    id: text,
    topicName: text,
    workerId: text,
    activityId: text,
    businessKey: optionalText,
    processInstanceId: text,
    retries: { type: 'integer', nullable: true },
    lockExpirationTime: instant,
    variables: { type: 'object', additionalProperties: typedValueSchema },
  },
} as const;

/**
 * One task's result of the engine host's batch completion (POST /approval/external-task/complete,
 * workers/runtime/batch-completion.ts): the HTTP status the single completion would have answered
 * for it, and when not completed the exception's type and message.
 */
export const batchCompletionResultSchema = {
  type: 'object',
  required: ['id', 'completed', 'status'],
  properties: {
    id: text,
    completed: { type: 'boolean' },
    // 204 when completed, as the single completion answers
    status: whole,
    type: optionalText,
    message: optionalText,
  },
} as const;

/** every refusal of the engine's REST API: its exception type (e.g. TaskAlreadyClaimedException) and message */
export const engineErrorSchema = {
  type: 'object',
  required: ['type', 'message'],
  properties: { type: text, message: text },
} as const;

const listOf = <S extends object>(items: S) => ({ type: 'array', items }) as const;
const count = { type: 'object', required: ['count'], properties: { count: whole } } as const;

/** What a call of the client is answered: a JSON body of this schema, no body (204), or text. */
export type AnswerContract = { readonly json: object } | { readonly empty: true } | { readonly text: true };

/** The public calls of EngineClient, each the engine's answer it expects: a call added to the client without its contract is a type error. */
export type EngineCall = Exclude<keyof EngineClient, 'url'>;

export const ENGINE_CALL_ANSWERS: { readonly [C in EngineCall]: AnswerContract } = {
  version: { json: { type: 'object', required: ['version'], properties: { version: text } } },
  deploy: { json: deploymentSchema },
  tenantDeployments: { json: listOf({ type: 'object', required: ['id'], properties: { id: text } }) },
  deleteDeployment: { empty: true },
  latestProcessDefinition: { json: processDefinitionSchema },
  startProcess: { json: processInstanceSchema },
  processInstances: { json: listOf(processInstanceSchema) },
  correlateMessage: { empty: true },
  historicProcessInstance: { json: historicProcessInstanceSchema },
  historicTask: { json: listOf(historicTaskSchema) },
  tasks: { json: listOf(taskSchema) },
  task: { json: taskSchema },
  deployedTaskForm: { json: { type: 'object', required: ['components'], properties: { components: listOf({ type: 'object' }) } } },
  identityLinks: { json: listOf(identityLinkSchema) },
  claim: { empty: true },
  unclaim: { empty: true },
  setAssignee: { empty: true },
  delegate: { empty: true },
  resolve: { empty: true },
  activityInstances: { json: activityInstanceSchema },
  historicActivities: { json: listOf(historicActivityInstanceSchema) },
  modify: { empty: true },
  processVariable: { json: typedValueSchema },
  setProcessVariable: { empty: true },
  setSuspended: { empty: true },
  deleteProcessInstance: { empty: true },
  processDefinitionXml: { json: { type: 'object', required: ['id', 'bpmn20Xml'], properties: { id: text, bpmn20Xml: text } } },
  processDefinitionVersions: { json: listOf(processDefinitionSchema) },
  latestProcessDefinitions: { json: listOf(processDefinitionSchema) },
  decisionDefinitionKeys: { json: listOf({ type: 'object', required: ['key'], properties: { key: text } }) },
  decisionDefinitions: { json: listOf(decisionDefinitionSchema) },
  decisionXml: { json: { type: 'object', required: ['dmnXml'], properties: { dmnXml: text } } },
  evaluateDecision: { json: listOf({ type: 'object', additionalProperties: typedValueSchema }) },
  processInstanceCount: { json: count },
  deploymentCount: { json: count },
  completeTask: { empty: true },
  externalTasks: { json: listOf(externalTaskSchema) },
  incidents: { json: listOf(incidentSchema) },
  openIncidents: { json: listOf(incidentSchema) },
  historicIncidents: { json: listOf(historicIncidentSchema) },
  setIncidentAnnotation: { empty: true },
  externalTask: { json: externalTaskSchema },
  externalTaskErrorDetails: { text: true },
  setExternalTaskRetries: { empty: true },
  job: { json: jobSchema },
  jobStacktrace: { text: true },
  setJobRetries: { empty: true },
  jobsOf: { json: listOf(jobSchema) },
  eventSubscriptionsOf: { json: listOf(eventSubscriptionSchema) },
  eventSubscriptions: { json: listOf(eventSubscriptionSchema) },
  findProcessInstances: { json: listOf(processInstanceSchema) },
  taskCount: { json: count },
  externalTaskCount: { json: count },
  historicProcessInstances: { json: listOf(historicProcessInstanceSchema) },
  processInstancesOfDefinition: { json: listOf(processInstanceSchema) },
  generateMigrationPlan: { json: migrationPlanSchema },
  validateMigrationPlan: { json: migrationPlanReportSchema },
  migrateAsync: { json: batchSchema },
  batch: { json: batchSchema },
  batchStatistics: { json: listOf(batchStatisticsSchema) },
  deleteBatch: { empty: true },
  failedJobsOf: { json: listOf(jobSchema) },
};
