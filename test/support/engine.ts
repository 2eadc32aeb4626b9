import { expect } from 'chai';
import { getCase, waitForTask } from './api.ts';
import { eventually } from './eventually.ts';
import { testEnv } from './environment.ts';

/** A call straight to the engine's REST API, for what the platform's client has no use for. */
export async function engineCall<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const { url, user, password } = testEnv().config.engine;
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The running instance of a process for a case (its business key), e.g. its called acceptance. */
export async function instanceOf(caseNo: string, processDefinitionKey: string): Promise<{ id: string }> {
  const instances = await engineCall<{ id: string }[]>(
    'GET',
    `/process-instance?businessKey=${encodeURIComponent(caseNo)}&processDefinitionKey=${processDefinitionKey}`,
  );
  expect(instances, `a running ${processDefinitionKey} instance of ${caseNo}`).to.have.length(1);
  return instances[0]!;
}

/**
 * Lets a deadline of the case pass: executes the due-date timer its process waits on, as the job
 * executor would once the working days ran out. Returns the timer's due date as the engine had it.
 */
export async function passDeadline(caseNo: string, processDefinitionKey: string): Promise<string> {
  const instance = await instanceOf(caseNo, processDefinitionKey);
  const timers = await engineCall<{ id: string; dueDate: string }[]>('GET', `/job?processInstanceId=${instance.id}&timers=true`);
  expect(timers, `one timer waiting in ${processDefinitionKey} of ${caseNo}`).to.have.length(1);
  await engineCall('POST', `/job/${timers[0]!.id}/execute`);
  return timers[0]!.dueDate;
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
  await eventually(`no external task of ${caseNo} at work`, async () => {
    const tasks = await engineCall<unknown[]>('GET', `/external-task?processInstanceId=${replaced}`);
    return tasks.length === 0;
  });
  await engine.deleteProcessInstance(replaced, `test: replaced by ${processDefinitionKey}`);
  const started = await engine.startProcess(processDefinitionKey, caseNo, variables);
  return { instanceId: started.id, replaced };
}
