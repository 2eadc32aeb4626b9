import { expect } from 'chai';
import { getCase, waitForTask } from './api.ts';
import { eventually } from './eventually.ts';
import { testEnv } from './environment.ts';
import { checkAnswer } from './engine-contract.ts';
import type { FromSchema } from '../../server/engine/from-schema.ts';
import { instant } from '../../server/engine/contract-schemas.ts';
import { engineFlavour } from '../../scripts/lib/engine.ts';

/**
 * Whether the engine under test takes variables of type Json (objects, lists: a decision's nested
 * inputs, a multi-instance collection). They need Spin's JSON data format: the Camunda flavour has
 * it; for Operaton the registry we reach serves operaton-spin-dataformat-json-jackson only at 1.0.0,
 * whose parent POM it refuses, so the Operaton flavour has none (docs/engine.md). A test of such
 * variables skips itself on an engine without it.
 */
export const engineTakesJson = (): boolean => engineFlavour() === 'camunda';

/**
 * A call straight to the engine's REST API, for what the platform's client has no use for; given
 * the schema of what the caller reads, its answer is checked against it (the engine's contract,
 * test/api/engine-contract.test.ts, covers the calls below).
 */
export async function engineCall<T = unknown>(method: string, path: string, body?: unknown, answer?: object): Promise<T> {
  const { url, user, password } = testEnv().config.engine;
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (answer) checkAnswer(`${method} ${path}`, parsed, answer);
  return parsed as T;
}

const ids = { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } as const;
/** GET /job?…&timers=true: the timers of an instance, with when they are due */
const timers = {
  type: 'array',
  items: { type: 'object', required: ['id', 'dueDate'], properties: { id: { type: 'string' }, dueDate: instant } },
} as const;

/** The running instance of a process for a case (its business key), e.g. its called acceptance. */
export async function instanceOf(caseNo: string, processDefinitionKey: string): Promise<{ id: string }> {
  const instances = await engineCall<FromSchema<typeof ids>>(
    'GET',
    `/process-instance?businessKey=${encodeURIComponent(caseNo)}&processDefinitionKey=${processDefinitionKey}`,
    undefined,
    ids,
  );
  expect(instances, `a running ${processDefinitionKey} instance of ${caseNo}`).to.have.length(1);
  return instances[0]!;
}

/** The external tasks of a process instance, fetched or waiting. */
export const externalTasksOf = (processInstanceId: string) =>
  engineCall<FromSchema<typeof ids>>('GET', `/external-task?processInstanceId=${encodeURIComponent(processInstanceId)}`, undefined, ids);

/**
 * Lets a deadline of the case pass: executes the due-date timer its process waits on, as the job
 * executor would once the working days ran out. Returns the timer's due date as the engine had it.
 */
export async function passDeadline(caseNo: string, processDefinitionKey: string): Promise<string> {
  const instance = await instanceOf(caseNo, processDefinitionKey);
  const waiting = await engineCall<FromSchema<typeof timers>>('GET', `/job?processInstanceId=${instance.id}&timers=true`, undefined, timers);
  expect(waiting, `one timer waiting in ${processDefinitionKey} of ${caseNo}`).to.have.length(1);
  await engineCall('POST', `/job/${waiting[0]!.id}/execute`);
  return waiting[0]!.dueDate;
}

/**
 * Replaces the process of an online case by a test process, under the case's number: only once the
 * case is at rest in its review (no external task of its instance fetched or waiting), as deleting
 * an instance a worker is completing conflicts in the engine's database (a 500 on MariaDB).
 */
export async function replaceProcessAtRest(
  caseNo: string,
  processDefinitionKey: string,
  variables: Record<string, { value: unknown; type: string }> = {},
): Promise<{ instanceId: string; replaced: string }> {
  const { engine } = testEnv();
  await waitForTask('reviewer', caseNo, 'review');
  const replaced = ((await getCase('applicant', caseNo)).body as { processInstanceId: string }).processInstanceId;
  await eventually(`no external task of ${caseNo} at work`, async () => (await externalTasksOf(replaced)).length === 0);
  await engine.deleteProcessInstance(replaced, `test: replaced by ${processDefinitionKey}`);
  const started = await engine.startProcess(processDefinitionKey, caseNo, variables);
  return { instanceId: started.id, replaced };
}
