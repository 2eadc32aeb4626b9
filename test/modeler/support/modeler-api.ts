import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { api, auth } from '../../support/api.ts';
import { cleanItemProcess, type Template } from './bpmn-fixtures.ts';

export const MODELER = '/api/v1/modeler';

/** A process key no other test uses. */
export const uniqueKey = (prefix: string) => `item_${prefix}_${randomBytes(3).toString('hex')}`;

let templates: Template[] | undefined;

/** The element templates as the browser gets them. */
export async function serverTemplates(): Promise<Template[]> {
  if (!templates) {
    const res = await api()
      .get(`${MODELER}/templates`)
      .set(await auth('analyst'));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    templates = res.body as Template[];
  }
  return templates;
}

export async function cleanProcess(processKey: string): Promise<string> {
  return cleanItemProcess(processKey, await serverTemplates());
}

export async function createDraft(processKey: string, xml: string, name = '建模器测试事项') {
  return api()
    .post(`${MODELER}/drafts`)
    .set(await auth('analyst'))
    .send({ processKey, name, xml });
}

export async function createDraftOk(processKey: string, xml: string): Promise<{ id: number; revision: number }> {
  const res = await createDraft(processKey, xml);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

export async function deploy(id: number, body: object = {}) {
  return api()
    .post(`${MODELER}/drafts/${id}/deploy`)
    .set(await auth('analyst'))
    .send(body);
}
