import type * as answers from './contract-schemas.ts';
import type { FromSchema } from './from-schema.ts';

/**
 * The parts of the engine's REST API (Camunda 7, docs.camunda.org: REST API reference; Operaton the
 * same) that we use. The answers' types are made of their schemas in contract-schemas.ts (exactly
 * the fields some code of ours reads), which test/api/engine-contract.test.ts checks on the real
 * engine of both flavours; what we send is typed here.
 */
export type VariableValue = { value: unknown; type?: string; valueInfo?: Record<string, unknown> };
export type Variables = Record<string, VariableValue>;

export type ProcessInstance = FromSchema<typeof answers.processInstanceSchema>;

/** camunda:formRef of a user task: a Camunda Form by its id (key) and binding. */
export type FormRef = FromSchema<typeof answers.formRefSchema>;

/**
 * A task as the engine answers it (GET /task, POST /task): Camunda 7 names the form reference
 * camundaFormRef, Operaton operatonFormRef (the one renamed answer field the platform reads).
 */
export type EngineTask = FromSchema<typeof answers.taskSchema>;

/** A task as the platform reads it: the form reference under one name, formRef, whichever engine answered (EngineClient). */
export type Task = Omit<EngineTask, 'camundaFormRef' | 'operatonFormRef'> & { formRef: FormRef | null };

/** A node of GET /process-instance/{id}/activity-instances. */
export type ActivityInstance = FromSchema<typeof answers.activityInstanceSchema>;

export type HistoricActivityInstance = FromSchema<typeof answers.historicActivityInstanceSchema>;

/** One instruction of a process instance modification (退回, 撤回). */
export type ModificationInstruction =
  | { type: 'cancel'; activityInstanceId: string }
  /** a transition instance: an activity waiting for its asynchronous continuation (asyncBefore/asyncAfter job) */
  | { type: 'cancel'; transitionInstanceId: string }
  | { type: 'startBeforeActivity'; activityId: string; ancestorActivityInstanceId?: string; variables?: Variables };

/** A candidate group or user, the assignee or the owner of a task (type candidate, assignee, owner …). */
export type IdentityLink = FromSchema<typeof answers.identityLinkSchema>;

export type Deployment = FromSchema<typeof answers.deploymentSchema>;

export type DecisionDefinition = FromSchema<typeof answers.decisionDefinitionSchema>;

export type ProcessDefinition = FromSchema<typeof answers.processDefinitionSchema>;

export type ExternalTask = FromSchema<typeof answers.externalTaskSchema>;

export type Incident = FromSchema<typeof answers.incidentSchema>;

/** An incident as the history keeps it (GET /history/incident): open, resolved or deleted with its instance. */
export type HistoricIncident = FromSchema<typeof answers.historicIncidentSchema>;

/** A job (GET /job): a timer, an asynchronous continuation, a batch part. */
export type Job = FromSchema<typeof answers.jobSchema>;

/** A subscription of a waiting execution to a message, a signal, a compensation or a conditional event (GET /event-subscription). */
export type EventSubscription = FromSchema<typeof answers.eventSubscriptionSchema>;

/** A task as the engine's history keeps it (GET /history/task): open, completed, or deleted (cancelled) and when. */
export type HistoricTask = FromSchema<typeof answers.historicTaskSchema>;

export type HistoricProcessInstance = FromSchema<typeof answers.historicProcessInstanceSchema>;

/** One task's result of the engine host's batch completion (POST /approval/external-task/complete, workers/runtime/batch-completion.ts). */
export type BatchCompletionResult = FromSchema<typeof answers.batchCompletionResultSchema>;
