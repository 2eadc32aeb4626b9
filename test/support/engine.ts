import { expect } from 'chai';
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
