import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, applicant, auth, completeMaterials, decide, getCase, submit, validForm, waitForDecision, waitForStatus, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { Case } from '../../server/cases/case.model.ts';
import { ProcessDraft } from '../../server/modeler/process-draft.model.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';
import { deploy, MODELER, uniqueKey } from './support/modeler-api.ts';

const fromStarter = async (body: object, user = 'analyst') =>
  api()
    .post(`${MODELER}/drafts`)
    .set(await auth(user))
    .send(body);

describe("new item processes from the platform's own (starters)", () => {
  it("lists the platform's item processes to analysts only", async () => {
    const res = await api()
      .get(`${MODELER}/starters`)
      .set(await auth('analyst'));
    expect(res.status).to.equal(200);
    const keys = res.body.starters.map((s: { processKey: string }) => s.processKey);
    expect(keys).to.include.members(['item_standard', 'item_food-licence', 'item_fire-inspection']);
    expect(keys.every((k: string) => k.startsWith('item_'))).to.equal(true);
    expect(res.body.starters.find((s: { processKey: string }) => s.processKey === 'item_standard').name).to.equal('标准事项流程（受理、审核、签发）');
    expect(
      (
        await api()
          .get(`${MODELER}/starters`)
          .set(await auth('reviewer'))
      ).status,
    ).to.equal(403);
  });

  it('refuses a draft with both a file and a starting point, or an unknown one, and stores nothing', async () => {
    const key = uniqueKey('starter_bad');
    const both = await fromStarter({ processKey: key, name: '二选一', xml: '<x/>', from: 'item_standard' });
    expect(both.status).to.equal(422);
    expect(both.body.error.details[0].message).to.contain('二者选一');
    const neither = await fromStarter({ processKey: key, name: '二选一' });
    expect(neither.status).to.equal(422);
    const unknown = await fromStarter({ processKey: key, name: '未知底稿', from: 'case_acceptance' });
    expect(unknown.status).to.equal(422);
    expect(unknown.body.error.details).to.deep.equal([{ field: 'from', message: '没有名为“case_acceptance”的平台事项流程' }]);
    expect(await ProcessDraft.count({ where: { processKey: key } })).to.equal(0);
  });

  it('copies item_standard under a new key; deployed and bound to a new item, a case runs on it to its sealed result', async () => {
    const key = uniqueKey('starter');
    const created = await fromStarter({ processKey: key, name: '个体工商户设立（建模器版）', from: 'item_standard' });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.problems.filter((p: { severity: string }) => p.severity === 'error')).to.deep.equal([]);
    const draft = await api()
      .get(`${MODELER}/drafts/${created.body.id}`)
      .set(await auth('analyst'));
    expect(draft.body.xml).to.match(new RegExp(`<bpmn:process id="${key}" name="个体工商户设立（建模器版）"`));
    expect(draft.body.xml).to.contain(`bpmnElement="${key}"`);
    expect(draft.body.xml).not.to.contain('id="item_standard"');
    for (const step of ['acceptance', 'review', 'decision', 'results']) expect(draft.body.xml).to.contain(`id="${step}"`);

    const deployed = await deploy(created.body.id);
    expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);

    // the individual business registration, under a new code, on the copied process
    const definition = JSON.parse(readFileSync(join(REPO_ROOT, 'processes/individual-business-registration/item.json'), 'utf8'));
    const formSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'processes/individual-business-registration/form.schema.json'), 'utf8'));
    const code = `TEST-ST-${key.slice(-6).toUpperCase()}`;
    const saved = await api()
      .put(`/api/v1/items/${code}`)
      .set(await auth('analyst'))
      .send({ definition: { ...definition, code, processKey: key }, formSchema });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(201);

    const res = await submit('applicant', { itemCode: code, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    await waitForTask('reviewer', caseNo, 'review');
    const row = await Case.findOne({ where: { caseNo } });
    const [instance] = await testEnv().engine.processInstances([row!.processInstanceId!]);
    expect(instance!.definitionId).to.match(new RegExp(`^${key}:1:`));

    await decide('reviewer', caseNo, 'review', 'approve');
    await decide('leader', caseNo, 'decision', 'approve');
    await waitForDecision('applicant', caseNo, 'approved');
    // the copy calls the platform's results: no fee, sealed, served electronically (no delivery chosen)
    await waitForStatus('applicant', caseNo, 'delivered');
    const view = (await getCase('applicant', caseNo)).body;
    expect(view.decision).to.equal('approved');
    expect(view.timeline.map((e: { type: string }) => e.type)).to.include.members(['acceptance.accepted', 'case.approved', 'delivery.delivered']);
  });
});
