/** The parts of Camunda 7's REST API types that we use (see docs.camunda.org, REST API reference). */
export type VariableValue = { value: unknown; type?: string; valueInfo?: Record<string, unknown> };
export type Variables = Record<string, VariableValue>;

export interface ProcessInstance {
  id: string;
  definitionId: string;
  businessKey: string | null;
  ended: boolean;
  suspended: boolean;
}

export interface Task {
  id: string;
  name: string | null;
  assignee: string | null;
  created: string;
  due: string | null;
  followUp: string | null;
  description: string | null;
  executionId: string;
  processDefinitionId: string;
  processInstanceId: string;
  taskDefinitionKey: string;
  suspended: boolean;
  formKey: string | null;
  /** camunda:formRef of the user task: a Camunda Form by its id (key) and binding */
  camundaFormRef?: { key: string; binding: string; version: number | null } | null;
  owner?: string | null;
  /** 委派: PENDING while the delegate works on it, RESOLVED once handed back */
  delegationState?: 'PENDING' | 'RESOLVED' | null;
}

/** A node of GET /process-instance/{id}/activity-instances. */
export interface ActivityInstance {
  id: string;
  activityId: string;
  activityType: string;
  activityName: string | null;
  parentActivityInstanceId: string | null;
  executionIds: string[];
  childActivityInstances: ActivityInstance[];
  childTransitionInstances: { id: string; activityId: string; executionId: string }[];
}

export interface HistoricActivityInstance {
  id: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  processInstanceId: string;
  taskId: string | null;
  assignee: string | null;
  calledProcessInstanceId: string | null;
  startTime: string;
  endTime: string | null;
  canceled: boolean;
}

/** One instruction of a process instance modification (退回, 撤回). */
export type ModificationInstruction =
  | { type: 'cancel'; activityInstanceId: string }
  /** a transition instance: an activity waiting for its asynchronous continuation (asyncBefore/asyncAfter job) */
  | { type: 'cancel'; transitionInstanceId: string }
  | { type: 'startBeforeActivity'; activityId: string; ancestorActivityInstanceId?: string; variables?: Variables };

export interface IdentityLink {
  userId: string | null;
  groupId: string | null;
  type: 'candidate' | 'assignee' | 'owner' | string;
}

export interface Deployment {
  id: string;
  name: string | null;
  deploymentTime: string;
  deployedProcessDefinitions?: Record<string, { id: string; key: string; version: number }> | null;
  deployedDecisionDefinitions?: Record<string, { id: string; key: string; version: number }> | null;
}

export interface DecisionDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  versionTag: string | null;
  deploymentId: string;
  resource: string;
  tenantId: string | null;
  decisionRequirementsDefinitionKey: string | null;
}

export interface ProcessDefinition {
  id: string;
  key: string;
  version: number;
  name: string | null;
  deploymentId: string;
}

export interface ExternalTask {
  id: string;
  topicName: string;
  workerId: string | null;
  lockExpirationTime: string | null;
  retries: number | null;
  errorMessage: string | null;
  processInstanceId: string;
  businessKey: string | null;
  activityId: string;
  processDefinitionId?: string;
  suspended?: boolean;
}

export interface Incident {
  id: string;
  incidentType: string;
  incidentMessage: string | null;
  processInstanceId: string;
  activityId: string;
  /** the following are answered by GET /incident (the console reads them) */
  processDefinitionId?: string;
  executionId?: string | null;
  /** when the incident was raised (the engine's format: 2026-01-02T10:11:12.123+0800) */
  incidentTimestamp?: string;
  failedActivityId?: string | null;
  /** an incident in a called instance raises one in the calling instance too: its cause */
  causeIncidentId?: string | null;
  rootCauseIncidentId?: string | null;
  /** failedExternalTask: the external task's id; failedJob: the job's id */
  configuration?: string | null;
  /** an operator's note (PUT /incident/{id}/annotation) */
  annotation?: string | null;
}

/** An incident as the history keeps it (GET /history/incident): open, resolved or deleted with its instance. */
export interface HistoricIncident {
  id: string;
  processInstanceId: string | null;
  incidentType: string;
  createTime: string;
  endTime: string | null;
  open: boolean;
  resolved: boolean;
  deleted: boolean;
}

/** A job (GET /job): a timer, an asynchronous continuation, a batch part. */
export interface Job {
  id: string;
  jobDefinitionId: string | null;
  processInstanceId: string | null;
  executionId: string | null;
  processDefinitionId: string | null;
  retries: number;
  exceptionMessage: string | null;
  failedActivityId?: string | null;
  dueDate: string | null;
  suspended: boolean;
}

/** A subscription of a waiting execution to a message, a signal, a compensation or a conditional event (GET /event-subscription). */
export interface EventSubscription {
  id: string;
  eventType: string;
  eventName: string | null;
  executionId: string | null;
  processInstanceId: string | null;
  activityId: string | null;
  createdDate: string;
}

/** A task as the engine's history keeps it (GET /history/task): open, completed, or deleted (cancelled) and when. */
export interface HistoricTask {
  id: string;
  name: string | null;
  assignee: string | null;
  processInstanceId: string;
  taskDefinitionKey: string;
  startTime: string;
  endTime: string | null;
  /** "completed" when someone completed it; otherwise why the engine removed it (a modification, a completed multi-instance step …) */
  deleteReason: string | null;
}

export interface HistoricProcessInstance {
  id: string;
  businessKey: string | null;
  state: 'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED';
  endTime: string | null;
  startTime?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionName?: string | null;
  superProcessInstanceId?: string | null;
}
