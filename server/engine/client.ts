import type {
  ActivityInstance,
  DecisionDefinition,
  HistoricActivityInstance,
  HistoricTask,
  ModificationInstruction,
  Deployment, EngineTask, EventSubscription, ExternalTask, HistoricIncident, HistoricProcessInstance, IdentityLink, Incident, Job, ProcessDefinition, ProcessInstance, Task, Variables,
} from './types.ts';
import type { Batch, BatchStatistics, MigrationPlan, MigrationPlanReport } from './migration-types.ts';

/**
 * A failed call to the engine. status 0 means the engine could not be reached at all; otherwise
 * it is the HTTP status and `type` is the engine's exception type (e.g. "TaskAlreadyClaimedException").
 */
export class EngineError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/**
 * The engine's ids (tasks, process instances, executions): UUIDs from the engine's id generator, or
 * numbers from a database one; at most 64 characters (its ID_ columns). Anything else names nothing
 * the engine holds, and must not reach its URLs.
 */
const ENGINE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const isEngineId = (id: string): boolean => ENGINE_ID.test(id);

/** A task as the platform reads it: the form reference under one name, whichever engine answered (see EngineTask). */
const taskOf = ({ camundaFormRef, operatonFormRef, ...task }: EngineTask): Task => ({ ...task, formRef: camundaFormRef ?? operatonFormRef ?? null });

/** A "." or ".." segment: encodeURIComponent leaves it as it is, and URL parsing would resolve it to another endpoint of the engine. */
const DOT_SEGMENT = /(^|\/)\.{1,2}(\/|$)/;

export interface EngineClientOptions {
  url: string;
  user: string;
  password: string;
  timeoutMs?: number;
}

export interface DeployFile {
  name: string;
  content: Buffer | string;
}

/** A thin typed client for the Camunda 7 REST API, used by the server, the workers and the tests. */
export class EngineClient {
  readonly url: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(options: EngineClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
    this.timeoutMs = options.timeoutMs ?? 30000;
  }

  private async request<T>(method: string, path: string, body?: unknown, form?: FormData, plainText = false): Promise<T> {
    // every id in a path is percent-encoded (no "/", "?" or "#" of its own); a dot segment is refused here, before it is sent
    if (DOT_SEGMENT.test(path.split('?')[0]!)) throw new EngineError(400, 'InvalidPathSegment', `refused to call the engine at ${method} ${path}: a "." or ".." segment`);
    const headers: Record<string, string> = { Authorization: this.authorization, Accept: plainText ? 'text/plain, application/json' : 'application/json' };
    let payload: RequestInit['body'];
    if (form) payload = form;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new EngineError(0, 'Unreachable', `engine unreachable at ${this.url}: ${(err as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      let type = 'HttpError';
      let message = text.slice(0, 500);
      try {
        const parsed = JSON.parse(text) as { type?: string; message?: string };
        type = parsed.type ?? type;
        message = parsed.message ?? message;
      } catch {
        // not JSON: keep the text
      }
      throw new EngineError(response.status, type, `${method} ${path} → ${response.status} ${type}: ${message}`);
    }
    if (plainText) return text as T;
    return (text ? JSON.parse(text) : undefined) as T;
  }

  version(): Promise<{ version: string }> {
    return this.request('GET', '/version');
  }

  /** Deploys resources under one name (for a tenant when given); with duplicate filtering an unchanged set creates nothing. */
  deploy(name: string, files: DeployFile[], tenantId?: string): Promise<Deployment> {
    const form = new FormData();
    form.set('deployment-name', name);
    if (tenantId) form.set('tenant-id', tenantId);
    form.set('enable-duplicate-filtering', 'true');
    form.set('deploy-changed-only', 'true');
    form.set('deployment-source', 'approval-platform');
    for (const file of files) {
      form.set(file.name, new Blob([file.content]), file.name);
    }
    return this.request('POST', '/deployment/create', undefined, form);
  }

  /** The deployments of a tenant, newest first. */
  tenantDeployments(tenantId: string): Promise<{ id: string }[]> {
    return this.request('GET', `/deployment?tenantIdIn=${encodeURIComponent(tenantId)}&sortBy=deploymentTime&sortOrder=desc&maxResults=200`);
  }

  /** Removes a deployment with what it defined (cascade: a draft's instances, if a test ever started one). */
  deleteDeployment(id: string): Promise<void> {
    return this.request('DELETE', `/deployment/${encodeURIComponent(id)}?cascade=true`);
  }

  latestProcessDefinition(key: string): Promise<ProcessDefinition> {
    return this.request('GET', `/process-definition/key/${encodeURIComponent(key)}`);
  }

  startProcess(key: string, businessKey: string, variables: Variables): Promise<ProcessInstance> {
    return this.request('POST', `/process-definition/key/${encodeURIComponent(key)}/start`, { businessKey, variables });
  }

  /** Running process instances by id (their business keys are case numbers). */
  processInstances(ids: string[]): Promise<ProcessInstance[]> {
    return this.request('POST', '/process-instance', { processInstanceIds: ids });
  }

  /**
   * Delivers a message to the one execution of the case (business key) waiting for it. Camunda
   * answers 400 MismatchingMessageCorrelationException when none waits.
   */
  correlateMessage(messageName: string, businessKey: string, variables: Variables = {}): Promise<void> {
    return this.request('POST', '/message', { messageName, businessKey, processVariables: variables });
  }

  historicProcessInstance(id: string): Promise<HistoricProcessInstance> {
    return this.request('GET', `/history/process-instance/${encodeURIComponent(id)}`);
  }

  /** A task as the engine's history has it, open or closed; null when the engine never had it. */
  async historicTask(id: string): Promise<HistoricTask | null> {
    const [task] = await this.request<HistoricTask[]>('GET', `/history/task?taskId=${encodeURIComponent(id)}`);
    return task ?? null;
  }

  /** Open tasks; the body is Camunda's task query (candidateGroups, assignee, orQueries …). */
  async tasks(query: Record<string, unknown>, firstResult = 0, maxResults = 200): Promise<Task[]> {
    return (await this.request<EngineTask[]>('POST', `/task?firstResult=${firstResult}&maxResults=${maxResults}`, query)).map(taskOf);
  }

  async task(id: string): Promise<Task> {
    return taskOf(await this.request<EngineTask>('GET', `/task/${encodeURIComponent(id)}`));
  }

  /** The Camunda Form a user task links with camunda:formRef, as deployed (404 when the form is not deployed). */
  deployedTaskForm<T = unknown>(taskId: string): Promise<T> {
    return this.request('GET', `/task/${encodeURIComponent(taskId)}/deployed-form`);
  }

  identityLinks(taskId: string): Promise<IdentityLink[]> {
    return this.request('GET', `/task/${encodeURIComponent(taskId)}/identity-links`);
  }

  claim(taskId: string, userId: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/claim`, { userId });
  }

  unclaim(taskId: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/unclaim`);
  }

  setAssignee(taskId: string, userId: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/assignee`, { userId });
  }

  /** 委派: the caller stays owner, the delegate becomes assignee until they resolve it. */
  delegate(taskId: string, userId: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/delegate`, { userId });
  }

  /** The delegate hands the task back to its owner. */
  resolve(taskId: string, variables: Variables = {}): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/resolve`, { variables });
  }

  activityInstances(processInstanceId: string): Promise<ActivityInstance> {
    return this.request('GET', `/process-instance/${encodeURIComponent(processInstanceId)}/activity-instances`);
  }

  historicActivities(processInstanceId: string): Promise<HistoricActivityInstance[]> {
    return this.request('GET', `/history/activity-instance?processInstanceId=${encodeURIComponent(processInstanceId)}&sortBy=startTime&sortOrder=asc&maxResults=1000`);
  }

  /** Cancels and starts activities of a running instance (退回, 撤回), in one engine transaction. */
  modify(processInstanceId: string, instructions: ModificationInstruction[], annotation: string): Promise<void> {
    return this.request('POST', `/process-instance/${encodeURIComponent(processInstanceId)}/modification`, { instructions, annotation, skipCustomListeners: false });
  }

  processVariable(processInstanceId: string, name: string): Promise<{ value: unknown; type: string }> {
    return this.request('GET', `/process-instance/${encodeURIComponent(processInstanceId)}/variables/${encodeURIComponent(name)}`);
  }

  setProcessVariable(processInstanceId: string, name: string, value: { value: unknown; type: string }): Promise<void> {
    return this.request('PUT', `/process-instance/${encodeURIComponent(processInstanceId)}/variables/${encodeURIComponent(name)}`, value);
  }

  /** 特别程序: a suspended instance's tasks and jobs stand still until it is activated again. */
  setSuspended(processInstanceId: string, suspended: boolean): Promise<void> {
    return this.request('PUT', `/process-instance/${encodeURIComponent(processInstanceId)}/suspended`, { suspended });
  }

  /**
   * Ends a running instance with the instances it called (撤回, 运维终止). The REST API keeps no
   * reason for it (DELETE /process-instance/{id} takes none: a deleteReason parameter was ignored),
   * so the caller records why in the case's timeline and the audit trail; `_why` says it at the call.
   */
  deleteProcessInstance(processInstanceId: string, _why: string): Promise<void> {
    return this.request('DELETE', `/process-instance/${encodeURIComponent(processInstanceId)}`);
  }

  processDefinitionXml(definitionId: string): Promise<{ id: string; bpmn20Xml: string }> {
    return this.request('GET', `/process-definition/${encodeURIComponent(definitionId)}/xml`);
  }

  /** Every version of a process, newest first (the modeler's version list). */
  processDefinitionVersions(key: string): Promise<ProcessDefinition[]> {
    return this.request('GET', `/process-definition?key=${encodeURIComponent(key)}&sortBy=version&sortOrder=desc`);
  }

  /** The newest version of every process whose key starts with the prefix (the catalog editor's choice of process). */
  async latestProcessDefinitions(prefix: string): Promise<ProcessDefinition[]> {
    // LIKE's wildcards in the prefix (item_) may match more: the filter below keeps the exact prefix
    const all = await this.request<ProcessDefinition[]>('GET', `/process-definition?latestVersion=true&keyLike=${encodeURIComponent(`${prefix}%`)}&sortBy=key&sortOrder=asc`);
    return all.filter((d) => d.key.startsWith(prefix));
  }

  /** The keys of the decisions (DMN) deployed on the engine for every tenant's use, each once (the modeler's lint: a business rule task names one). */
  async decisionDefinitionKeys(): Promise<string[]> {
    const all = await this.request<{ key: string }[]>('GET', '/decision-definition?latestVersion=true&withoutTenantId=true&sortBy=key&sortOrder=asc');
    return [...new Set(all.map((d) => d.key))];
  }

  /** Decision definitions: every version of a key, or the latest of each (without a tenant unless one is asked for). */
  decisionDefinitions(query: { key?: string; latestVersion?: boolean; tenantId?: string }): Promise<DecisionDefinition[]> {
    const params = new URLSearchParams({ sortBy: 'version', sortOrder: 'desc' });
    if (query.key) params.set('key', query.key);
    if (query.latestVersion) params.set('latestVersion', 'true');
    if (query.tenantId) params.set('tenantIdIn', query.tenantId);
    else params.set('withoutTenantId', 'true');
    return this.request('GET', `/decision-definition?${params.toString()}`);
  }

  /** A decision definition's DMN XML, as deployed. */
  async decisionXml(id: string): Promise<string> {
    return (await this.request<{ dmnXml: string }>('GET', `/decision-definition/${encodeURIComponent(id)}/xml`)).dmnXml;
  }

  /** Evaluates a decision definition (one version) with typed variables: one map of outputs per matched rule (or the aggregate). */
  evaluateDecision(id: string, variables: Variables): Promise<Record<string, { type: string; value: unknown }>[]> {
    return this.request('POST', `/decision-definition/${encodeURIComponent(id)}/evaluate`, { variables });
  }

  async processInstanceCount(processDefinitionId: string): Promise<number> {
    return (await this.request<{ count: number }>('GET', `/process-instance/count?processDefinitionId=${encodeURIComponent(processDefinitionId)}`)).count;
  }

  async deploymentCount(): Promise<number> {
    return (await this.request<{ count: number }>('GET', '/deployment/count')).count;
  }

  completeTask(taskId: string, variables: Variables): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/complete`, { variables });
  }

  externalTasks(query: Record<string, unknown>): Promise<ExternalTask[]> {
    return this.request('POST', '/external-task', query);
  }

  incidents(processInstanceId: string): Promise<Incident[]> {
    return this.request('GET', `/incident?processInstanceId=${encodeURIComponent(processInstanceId)}`);
  }

  // ---- operations (server/operations): the incident console and the stuck-case detector ----

  /** Open incidents (GET /incident), oldest first; `query` is the engine's incident query (incidentId, incidentType, processInstanceId …). */
  openIncidents(query: Record<string, string> = {}, firstResult = 0, maxResults = 1000): Promise<Incident[]> {
    const params = new URLSearchParams({ ...query, sortBy: 'incidentTimestamp', sortOrder: 'asc', firstResult: String(firstResult), maxResults: String(maxResults) });
    return this.request('GET', `/incident?${params}`);
  }

  /** The history of one incident: whether and when it was resolved (an empty list: the engine never had it). */
  historicIncidents(incidentId: string): Promise<HistoricIncident[]> {
    return this.request('GET', `/history/incident?incidentId=${encodeURIComponent(incidentId)}`);
  }

  /** An operator's note on an open incident (400 from the engine when it is resolved). */
  setIncidentAnnotation(incidentId: string, annotation: string): Promise<void> {
    return this.request('PUT', `/incident/${encodeURIComponent(incidentId)}/annotation`, { annotation });
  }

  externalTask(id: string): Promise<ExternalTask> {
    return this.request('GET', `/external-task/${encodeURIComponent(id)}`);
  }

  /** The full error a worker reported with its failure (its stack or details), as text. */
  externalTaskErrorDetails(id: string): Promise<string> {
    return this.request('GET', `/external-task/${encodeURIComponent(id)}/errorDetails`, undefined, undefined, true);
  }

  /** Sets an external task's retries: at more than 0 its incident is resolved and the workers fetch it again. */
  setExternalTaskRetries(id: string, retries: number): Promise<void> {
    return this.request('PUT', `/external-task/${encodeURIComponent(id)}/retries`, { retries });
  }

  job(id: string): Promise<Job> {
    return this.request('GET', `/job/${encodeURIComponent(id)}`);
  }

  /** The stack trace of a job's last failure, as text. */
  jobStacktrace(id: string): Promise<string> {
    return this.request('GET', `/job/${encodeURIComponent(id)}/stacktrace`, undefined, undefined, true);
  }

  /**
   * Sets a job's retries: at more than 0 its incident is resolved and the job executor runs it again.
   * A job that is gone is a 404, as an external task's is (the engine answers 500 for it).
   */
  async setJobRetries(id: string, retries: number): Promise<void> {
    try {
      await this.request('PUT', `/job/${encodeURIComponent(id)}/retries`, { retries });
    } catch (err) {
      if (err instanceof EngineError && err.status === 500 && (await this.job(id).then(() => false, (e: unknown) => e instanceof EngineError && e.status === 404))) {
        throw new EngineError(404, err.type, err.message);
      }
      throw err;
    }
  }

  /** The jobs (timers, asynchronous continuations) of a process instance. */
  jobsOf(processInstanceId: string): Promise<Job[]> {
    return this.request('GET', `/job?processInstanceId=${encodeURIComponent(processInstanceId)}&maxResults=100`);
  }

  /** The message, signal and conditional subscriptions of a process instance's waiting executions. */
  eventSubscriptionsOf(processInstanceId: string): Promise<EventSubscription[]> {
    return this.request('GET', `/event-subscription?processInstanceId=${encodeURIComponent(processInstanceId)}&maxResults=100`);
  }

  /** Waiting subscriptions of every instance, by type and name (e.g. message PaymentReceived), oldest first, a page at a time. */
  eventSubscriptions(query: { eventType: string; eventName: string }, firstResult = 0, maxResults = 200): Promise<EventSubscription[]> {
    const params = new URLSearchParams({ ...query, sortBy: 'created', sortOrder: 'asc', firstResult: String(firstResult), maxResults: String(maxResults) });
    return this.request('GET', `/event-subscription?${params.toString()}`);
  }

  /** Running process instances found by the engine's process instance query (businessKey, superProcessInstance …). */
  findProcessInstances(query: Record<string, unknown>, maxResults = 200): Promise<ProcessInstance[]> {
    return this.request('POST', `/process-instance?firstResult=0&maxResults=${maxResults}`, query);
  }

  /** How many open user tasks the task query finds (processInstanceBusinessKeyIn, processInstanceIdIn …). */
  async taskCount(query: Record<string, unknown>): Promise<number> {
    return (await this.request<{ count: number }>('POST', '/task/count', query)).count;
  }

  /** How many external tasks the query finds (processInstanceIdIn …). */
  async externalTaskCount(query: Record<string, unknown>): Promise<number> {
    return (await this.request<{ count: number }>('POST', '/external-task/count', query)).count;
  }

  /** Historic process instances found by the query (processInstanceBusinessKey, unfinished, finished …), newest first. */
  historicProcessInstances(query: Record<string, unknown>, maxResults = 20): Promise<HistoricProcessInstance[]> {
    return this.request('POST', `/history/process-instance?firstResult=0&maxResults=${maxResults}`, { ...query, sorting: [{ sortBy: 'startTime', sortOrder: 'desc' }] });
  }

  // ---- migration of running instances between versions (server/operations/migration-*.ts) ----

  /** Running process instances of one definition (version), oldest first. */
  processInstancesOfDefinition(processDefinitionId: string, maxResults = 1000): Promise<ProcessInstance[]> {
    return this.request('GET', `/process-instance?processDefinitionId=${encodeURIComponent(processDefinitionId)}&sortBy=instanceId&sortOrder=asc&firstResult=0&maxResults=${maxResults}`);
  }

  /** The migration plan the engine proposes: an instruction for every activity of the same id (and a compatible type) in both definitions. */
  generateMigrationPlan(sourceProcessDefinitionId: string, targetProcessDefinitionId: string, updateEventTriggers = true): Promise<MigrationPlan> {
    return this.request('POST', '/migration/generate', { sourceProcessDefinitionId, targetProcessDefinitionId, updateEventTriggers });
  }

  /** The plan's instructions (and variables) the engine cannot apply, with why; empty reports: the plan is valid. */
  validateMigrationPlan(plan: MigrationPlan): Promise<MigrationPlanReport> {
    return this.request('POST', '/migration/validate', plan);
  }

  /** Migrates the instances as a batch of jobs (one instance a job); the batch is answered at once. */
  migrateAsync(migrationPlan: MigrationPlan, processInstanceIds: string[]): Promise<Batch> {
    return this.request('POST', '/migration/executeAsync', { migrationPlan, processInstanceIds, skipCustomListeners: false, skipIoMappings: false });
  }

  /** A batch while it runs (404 once every job of it is done and the engine deleted it). */
  batch(id: string): Promise<Batch> {
    return this.request('GET', `/batch/${encodeURIComponent(id)}`);
  }

  /** A running batch's progress: completed, remaining and failed jobs (null once the batch is gone). */
  async batchStatistics(id: string): Promise<BatchStatistics | null> {
    const [statistics] = await this.request<BatchStatistics[]>('GET', `/batch/statistics?batchId=${encodeURIComponent(id)}`);
    return statistics ?? null;
  }

  /** Deletes a batch and its jobs (the instances not migrated yet stay where they are). */
  deleteBatch(id: string): Promise<void> {
    return this.request('DELETE', `/batch/${encodeURIComponent(id)}?cascade=true`);
  }

  /** The jobs of a job definition (a batch's execution jobs) that failed at least once: exceptionMessage says why. */
  failedJobsOf(jobDefinitionId: string, maxResults = 200): Promise<Job[]> {
    return this.request('GET', `/job?jobDefinitionId=${encodeURIComponent(jobDefinitionId)}&withException=true&maxResults=${maxResults}`);
  }
}
