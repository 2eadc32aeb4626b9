/**
 * Our own declarations for camunda-external-task-client-js 3.x (ESM). The DefinitelyTyped package
 * describes 1.2 and is wrong for 3.x (no maxParallelExecutions, promises typed as void).
 */
declare module 'camunda-external-task-client-js' {
  import type { EventEmitter } from 'node:events';

  export type Interceptor = (config: Record<string, unknown>) => Record<string, unknown>;

  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    maxParallelExecutions?: number;
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    usePriority?: boolean;
    interceptors?: Interceptor | Interceptor[];
    use?: ((client: Client) => void) | ((client: Client) => void)[];
    sorting?: { sortBy: 'createTime'; sortOrder: 'asc' | 'desc' }[];
  }

  export interface SubscribeOptions {
    lockDuration?: number;
    variables?: string[];
    localVariables?: boolean;
    businessKey?: string;
    processDefinitionKey?: string;
    processDefinitionKeyIn?: string[];
    includeExtensionProperties?: boolean;
  }

  export interface TypedValue {
    value: unknown;
    type: string;
    valueInfo?: Record<string, unknown>;
  }

  export class Variables {
    constructor(initialVariables?: Record<string, TypedValue>);
    get(name: string): unknown;
    getTyped(name: string): TypedValue | undefined;
    getAll(): Record<string, unknown>;
    getAllTyped(): Record<string, TypedValue>;
    set(name: string, value: unknown): this;
    setTyped(name: string, typedValue: TypedValue): this;
    setAll(values: Record<string, unknown>): this;
    /** the variables set since the task was fetched, typed and serialized as the REST API takes them (what complete sends) */
    getDirtyVariables(): Record<string, TypedValue>;
  }

  export interface Task {
    id: string;
    topicName: string;
    workerId: string;
    activityId: string;
    activityInstanceId: string;
    businessKey: string | null;
    executionId: string;
    processInstanceId: string;
    processDefinitionId: string;
    processDefinitionKey: string;
    retries: number | null;
    errorMessage: string | null;
    lockExpirationTime: string;
    createTime?: string;
    priority: number;
    variables: Variables;
  }

  export interface TaskService {
    complete(task: Task, processVariables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: Task, options: { errorMessage?: string; errorDetails?: string; retries?: number; retryTimeout?: number }): Promise<void>;
    handleBpmnError(task: Task, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: Task, newDuration: number): Promise<void>;
    unlock(task: Task): Promise<void>;
    lock(task: Task, duration: number): Promise<void>;
  }

  export type Handler = (args: { task: Task; taskService: TaskService }) => Promise<void>;

  export interface TopicSubscription {
    unsubscribe(): void;
  }

  export class Client extends EventEmitter {
    constructor(options: ClientOptions);
    options: ClientOptions;
    activeTasksCount: number;
    subscribe(topic: string, options: SubscribeOptions, handler: Handler): TopicSubscription;
    subscribe(topic: string, handler: Handler): TopicSubscription;
    start(): void;
    stop(): void;
  }

  export class BasicAuthInterceptor {
    constructor(options: { username: string; password: string });
  }
}
