import request from 'supertest';
import { expect } from 'chai';
import { testEnv } from './environment.ts';
import { DEMO_PASSWORD } from '../../server/auth/demo-accounts.ts';
import { samplePdf, samplePng } from './files.ts';
import { eventually } from './eventually.ts';
import { withResponseCheck } from './openapi-responses.ts';
import { finishSignIn } from './second-factor.ts';

/** A supertest agent on the running server; every answer from /api/v1 is checked against the API document (./openapi-responses.ts). */
export const api = () => withResponseCheck(request(testEnv().url));

const tokens = new Map<string, Promise<string>>();

/** Logs a demo account in once per run (with its second factor where it has one: ./second-factor.ts) and returns its bearer token. */
export function tokenOf(username: string): Promise<string> {
  // one sign-in per name even when asked at once: a second factor's code is good once
  let token = tokens.get(username);
  if (!token) {
    token = signIn(username);
    tokens.set(username, token);
    token.catch(() => tokens.delete(username));
  }
  return token;
}

/**
 * The address a demo account signs in from (TEST-NET-1, through the test server's trusted loopback
 * proxy): one of its own per account, so that the harness's sign-ins never spend the login limit
 * (20 a minute per address) of the tests that sign in from 127.0.0.1 on purpose.
 */
export function harnessAddress(username: string): string {
  let hash = 0;
  for (const ch of username) hash = (hash * 31 + ch.codePointAt(0)!) % 250;
  return `192.0.2.${hash + 1}`;
}

async function signIn(username: string): Promise<string> {
  const login = await api().post('/api/v1/auth/login').set('X-Forwarded-For', harnessAddress(username)).send({ username, password: DEMO_PASSWORD });
  expect(login.status, `login ${username}: ${JSON.stringify(login.body)}`).to.equal(200);
  // administrators, analysts and the leaders the demo seals name have a second factor
  const res = await finishSignIn(api, username, login);
  return res.body.token as string;
}

export const auth = async (username: string) => ({ Authorization: `Bearer ${await tokenOf(username)}` });

/** An account signed in some other way (统一身份认证: ./oidc.ts): the helpers here then act as it by its user name. */
export function useToken(username: string, token: string): void {
  tokens.set(username, Promise.resolve(token));
}

export async function upload(username: string, name: string, bytes: Buffer): Promise<request.Response> {
  return api()
    .post('/api/v1/attachments')
    .set(await auth(username))
    .attach('file', bytes, name);
}

export async function uploadOk(username: string, name: string, bytes: Buffer): Promise<string> {
  const res = await upload(username, name, bytes);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id as string;
}

export { ITEM, validForm, foodForm, applicant } from './case-data.ts';

/** Uploads one file per required material, as `username` (the application form is generated from the form, never uploaded). */
export async function completeMaterials(username: string) {
  return [
    { code: 'operator-id', attachmentId: await uploadOk(username, 'id.png', samplePng()) },
    { code: 'premises-proof', attachmentId: await uploadOk(username, '租赁合同.pdf', samplePdf('租赁合同')) },
  ];
}

export async function submit(username: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return api()
    .post('/api/v1/cases')
    .set(await auth(username))
    .set(headers)
    .send(body);
}

/** The case as the user sees it, in the language asked (the server's default, Chinese, unless told). */
export async function getCase(username: string, caseNo: string, language?: string) {
  return api()
    .get(`/api/v1/cases/${caseNo}`)
    .set(await auth(username))
    .set(language ? { 'Accept-Language': language } : {});
}

/** Polls the case until it reaches `status` (the workers run asynchronously). */
export async function waitForStatus(username: string, caseNo: string, status: string, timeoutMs = 30_000) {
  return waitForCase(username, caseNo, `reach "${status}"`, (body) => body.status === status, timeoutMs);
}

/**
 * Waits for the case's decision (准予 / 不予 / partly): its status goes on through payment and
 * delivery, so a test that cares about the decision waits for this, not for a status.
 */
export async function waitForDecision(username: string, caseNo: string, decision: 'approved' | 'refused' | 'partially_approved', timeoutMs = 30_000) {
  return waitForCase(username, caseNo, `be decided "${decision}"`, (body) => body.decision === decision, timeoutMs);
}

async function waitForCase(username: string, caseNo: string, what: string, done: (body: Record<string, unknown>) => boolean, timeoutMs: number) {
  let last: request.Response | undefined;
  return eventually(
    `case ${caseNo} to ${what}`,
    async () => {
      last = await getCase(username, caseNo);
      return last.status === 200 && done(last.body) ? last.body : undefined;
    },
    timeoutMs,
    { last: () => last?.body },
  );
}

/** Polls the inbox of `username` until a task of the case appears. */
export async function waitForTask(username: string, caseNo: string, taskDefinitionKey: string, timeoutMs = 30_000) {
  return eventually(
    `a ${taskDefinitionKey} task of ${caseNo} in ${username}'s inbox`,
    async () => {
      const res = await api()
        .get('/api/v1/tasks')
        .query({ caseNo, limit: '100' })
        .set(await auth(username));
      expect(res.status).to.equal(200);
      return (res.body.tasks as { caseNo: string; taskDefinitionKey: string; id: string; name: string | null; assignee: string | null }[]).find(
        (t) => t.caseNo === caseNo && t.taskDefinitionKey === taskDefinitionKey,
      );
    },
    timeoutMs,
  );
}

/**
 * Uploads a file for every required material of a plan or item (a PDF where allowed, else a PNG);
 * not an item's application form, which the platform generates from the form (申请表电子化).
 */
export async function uploadRequired(username: string, materials: { code: string; formats: string[]; required: boolean; applicationForm?: boolean }[]) {
  const uploaded = [];
  for (const m of materials.filter((x) => x.required && !x.applicationForm)) {
    const file = m.formats.includes('pdf') ? { name: `${m.code}.pdf`, bytes: samplePdf(m.code) } : { name: `${m.code}.png`, bytes: samplePng() };
    uploaded.push({ code: m.code, attachmentId: await uploadOk(username, file.name, file.bytes) });
  }
  return uploaded;
}

/** Waits for the case's task in the user's inbox, claims it and completes it. */
export async function decide(username: string, caseNo: string, taskDefinitionKey: string, outcome: string, extra: Record<string, unknown> = {}) {
  const task = await waitForTask(username, caseNo, taskDefinitionKey);
  const claimed = await api()
    .post(`/api/v1/tasks/${task.id}/claim`)
    .set(await auth(username));
  expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
  const done = await api()
    .post(`/api/v1/tasks/${task.id}/complete`)
    .set(await auth(username))
    .send({ outcome, opinion: `${outcome}（${username}）`, ...extra });
  expect(done.status, JSON.stringify(done.body)).to.equal(200);
  return task;
}
