import { expect } from 'chai';
import { api, auth } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { VIOLATIONS } from './support/bpmn-fixtures.ts';
import { HOSTILE_BPMN } from './support/hostile-bpmn.ts';
import { isSecurityRule } from '../../contract/bpmn/lint/security-first.ts';
import { cleanProcess, createDraftOk, deploy, MODELER, uniqueKey } from './support/modeler-api.ts';

describe('modeler deployments: checked again, then deployed', () => {
  it('when a clean item process built from the templates is deployed, then a case can run on it and its versions show running cases', async () => {
    const { engine } = testEnv();
    const key = uniqueKey('clean');
    const xml = await cleanProcess(key);

    const lint = await api()
      .post(`${MODELER}/lint`)
      .set(await auth('analyst'))
      .send({ xml });
    expect(lint.status).to.equal(200);
    expect(lint.body.valid, JSON.stringify(lint.body.problems)).to.equal(true);
    expect(lint.body.problems.filter((p: { severity: string }) => p.severity !== 'info')).to.deep.equal([]);

    const draft = await createDraftOk(key, xml);
    const deployed = await deploy(draft.id);
    expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
    expect(deployed.body).to.include({ deployed: true, revision: 1, version: 1, processKey: key, deployedBy: 'analyst' });
    expect(deployed.body.deploymentId).to.be.a('string');

    // a case on it: the instance waits in the review, offered to the case's department reviewers
    const instance = await engine.startProcess(key, `MODELER-${key}`, { departmentCode: { value: 'samr', type: 'String' } });
    const tasks = await engine.tasks({ processInstanceId: instance.id });
    expect(tasks.map((t) => t.taskDefinitionKey)).to.deep.equal(['review']);
    const links = await engine.identityLinks(tasks[0]!.id);
    expect(links.filter((l) => l.type === 'candidate').map((l) => l.groupId)).to.deep.equal(['samr:reviewer']);

    const versions = await api()
      .get(`${MODELER}/processes/${key}/versions`)
      .set(await auth('analyst'));
    expect(versions.status).to.equal(200);
    expect(versions.body.platform).to.equal(false);
    expect(versions.body.versions).to.have.length(1);
    expect(versions.body.versions[0]).to.include({ version: 1, processDefinitionId: deployed.body.processDefinitionId, runningInstances: 1 });
    expect(versions.body.versions[0].fromDraft).to.include({ draftId: draft.id, revision: 1, deployedBy: 'analyst' });

    const opened = await api()
      .get(`${MODELER}/processes/${key}/versions/1/xml`)
      .set(await auth('analyst'));
    expect(opened.status).to.equal(200);
    expect(opened.body.xml).to.equal(xml);

    // the draft moves on: compared with the deployed version, then deployed as version 2
    const same = await api()
      .get(`${MODELER}/drafts/${draft.id}/compare`)
      .set(await auth('analyst'));
    expect(same.body).to.include({ identical: true, version: 1, revision: 1 });
    const changed = xml
      .replace('camunda:candidateGroups="${departmentCode}:reviewer"', 'camunda:candidateGroups="samr:reviewer"')
      .replace('name="办结"', 'name="办结归档"');
    const saved = await api()
      .put(`${MODELER}/drafts/${draft.id}`)
      .set(await auth('analyst'))
      .send({ xml: changed, baseRevision: 1 });
    expect(saved.status).to.equal(200);
    const diff = await api()
      .get(`${MODELER}/drafts/${draft.id}/compare?version=1`)
      .set(await auth('analyst'));
    expect(diff.status).to.equal(200);
    expect(diff.body.changed.map((c: { id: string }) => c.id).sort()).to.deep.equal(['ended', 'review']);
    expect(diff.body).to.include({ identical: false, layoutChanged: false });
    expect(diff.body.added).to.deep.equal([]);

    const second = await deploy(draft.id, { revision: 2 });
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
    expect(second.body).to.include({ version: 2, revision: 2 });
    const again = await deploy(draft.id);
    expect(again.status).to.equal(200);
    expect(again.body).to.include({ deployed: false, version: 2 });
    const stale = await deploy(draft.id, { revision: 1 });
    expect(stale.status).to.equal(409);

    const both = await api()
      .get(`${MODELER}/processes/${key}/versions`)
      .set(await auth('analyst'));
    expect(both.body.versions.map((v: { version: number; runningInstances: number }) => [v.version, v.runningInstances])).to.deep.equal([
      [2, 0],
      [1, 1],
    ]);
    const shown = await api()
      .get(`${MODELER}/drafts/${draft.id}`)
      .set(await auth('analyst'));
    expect(shown.body.deployments.map((d: { version: number; revision: number }) => [d.version, d.revision])).to.deep.equal([
      [2, 2],
      [1, 1],
    ]);

    await engine.deleteProcessInstance(instance.id, 'modeler test done');
  });

  for (const violation of [...VIOLATIONS, ...HOSTILE_BPMN]) {
    it(`when the draft has ${violation.name}, then the deployment is refused naming ${violation.elementId ?? 'the file'}, and nothing reaches the engine`, async () => {
      const { engine } = testEnv();
      const key = uniqueKey('refused');
      const draft = await createDraftOk(key, violation.apply(await cleanProcess(key)));
      const before = await engine.deploymentCount();
      const res = await deploy(draft.id);
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      expect(res.body.error.code).to.equal('bpmn_refused');
      expect(res.body.error.message).to.match(/未通过部署检查/);
      const detail = res.body.error.details.find((d: { label: string }) => d.label === violation.rule);
      expect(detail, JSON.stringify(res.body.error.details)).to.exist;
      expect(detail.field).to.equal(violation.elementId ?? 'xml');
      expect(res.body.problems.find((p: { rule: string }) => p.rule === violation.rule)).to.include({ severity: 'error' });
      // a security refusal comes before anything the diagram has wrong
      if (isSecurityRule(violation.rule)) expect(isSecurityRule(res.body.problems[0].rule), JSON.stringify(res.body.problems)).to.equal(true);
      expect(await engine.deploymentCount()).to.equal(before);
      expect(
        (
          await api()
            .get(`${MODELER}/processes/${key}/versions`)
            .set(await auth('analyst'))
        ).status,
      ).to.equal(404);
    });
  }

  it("when the draft names one of the platform's own processes, then the modeler does not deploy it", async () => {
    const { engine } = testEnv();
    const draft = await createDraftOk('item_standard', await cleanProcess('item_standard'));
    const before = await engine.deploymentCount();
    const res = await deploy(draft.id);
    expect(res.status).to.equal(422);
    expect(res.body.error.details.map((d: { label: string }) => d.label)).to.include('deploy/platform-process');
    expect(await engine.deploymentCount()).to.equal(before);
    // its shipped versions can still be looked at
    const versions = await api()
      .get(`${MODELER}/processes/item_standard/versions`)
      .set(await auth('analyst'));
    expect(versions.status).to.equal(200);
    expect(versions.body.platform).to.equal(true);
    expect(versions.body.versions[0].fromDraft).to.equal(null);
  });

  it('answers in English when asked', async () => {
    const key = uniqueKey('english');
    const draft = await createDraftOk(key, VIOLATIONS[0]!.apply(await cleanProcess(key)));
    const res = await api()
      .post(`${MODELER}/drafts/${draft.id}/deploy`)
      .set(await auth('analyst'))
      .set('Accept-Language', 'en')
      .send({});
    expect(res.status).to.equal(422);
    expect(res.body.error.message).to.match(/did not pass the deployment checks/);
    expect(res.body.error.details[0].message).to.match(/Script tasks are not allowed/);
  });
});
