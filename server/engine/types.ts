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
}

export interface Incident {
  id: string;
  incidentType: string;
  incidentMessage: string | null;
  processInstanceId: string;
  activityId: string;
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
