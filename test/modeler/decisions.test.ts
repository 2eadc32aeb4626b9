// test-plan: every-profile — nested-input decisions are evaluated only where the engine takes JSON (Camunda's Spin)
import { expect } from 'chai';
import { User } from '../../server/auth/user.model.ts';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { api, auth } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { MODELER } from './support/modeler-api.ts';
import { engineTakesJson } from '../support/engine.ts';

/**
 * 决策表 on the real engine (issue 19): an analyst deploys a DMN decision table through the policy,
 * versions follow its changes, it is evaluated on sample inputs (deployed, and a draft in the
 * analyst's own tenant that nothing else sees), a process's business rule task names it and the
 * engine runs it; refusals name what is wrong and deploy nothing.
 */
const FIXTURE = readFileSync(new URL('../fixtures/dmn/elderly-allowance.dmn', import.meta.url), 'utf8');
const withKey = (xml: string, key: string) => xml.replaceAll('elderly_allowance', key);

const send = async (method: 'get' | 'post', path: string, body?: object, user = 'analyst') => {
  const req = method === 'get' ? api().get(`${MODELER}${path}`) : api().post(`${MODELER}${path}`).send(body);
  return req.set(await auth(user));
};

describe('决策表: DMN decision tables deployed, versioned and evaluated on the engine (server/modeler)', function () {
  this.timeout(120_000);
  const key = `elderly_${randomBytes(3).toString('hex')}`;
  const xml = withKey(FIXTURE, key);

  it('deploys a decision table once per change, lists it with its versions, and evaluates a version on sample inputs', async function () {
    const first = await send('post', '/decisions', { xml });
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body.decisions).to.have.length(1);
    expect(first.body.decisions[0]).to.include({ key, version: 1, name: '高龄津贴资格' });
    expect((await send('post', '/decisions', { xml })).status, 'unchanged: no new version').to.equal(200);
    const second = await send('post', '/decisions', { xml: xml.replace('<text>100</text>', '<text>200</text>') });
    expect(second.status).to.equal(201);
    expect(second.body.decisions[0].version).to.equal(2);
    expect(await AuditEvent.count({ where: { action: 'modeler.decision_deployed', target: `decisions:${key}` } })).to.equal(2);

    const detail = await send('get', `/decisions/${key}`);
    expect(detail.status).to.equal(200);
    expect(detail.body).to.include({ key, version: 2, hitPolicy: 'FIRST', rules: 2 });
    expect(detail.body.reads).to.deep.equal(['age', 'household']);
    expect(detail.body.versions.map((v: { version: number }) => v.version)).to.deep.equal([2, 1]);
    expect((await send('get', '/decisions')).body.decisions.map((d: { key: string }) => d.key)).to.include(key);

    // nested inputs (household.region) are Json variables: deployed and listed on every engine, evaluated where it takes them
    if (!engineTakesJson()) this.skip();
    // FIRST: 100 or more in the city → 500; 80 to 99 anywhere → 200 in version 2, 100 in version 1
    const at = (inputs: object, version?: number) => send('post', `/decisions/${key}/evaluate`, { inputs, ...(version ? { version } : {}) });
    const centenarian = await at({ age: 101, household: { region: '430102' } });
    expect(centenarian.status, JSON.stringify(centenarian.body)).to.equal(200);
    expect(centenarian.body.results).to.deep.equal([{ eligible: true, amount: 500 }]);
    expect((await at({ age: 85, household: { region: '110101' } })).body.results).to.deep.equal([{ eligible: true, amount: 200 }]);
    expect((await at({ age: 85, household: { region: '110101' } }, 1)).body.results).to.deep.equal([{ eligible: true, amount: 100 }]);
    expect((await at({ age: 60, household: { region: '430102' } })).body.results, 'no rule matches').to.deep.equal([]);
  });

  it('refuses inputs the decision does not read or of the wrong type, unknown decisions and versions, and people who are not analysts', async () => {
    const wrong = await send('post', `/decisions/${key}/evaluate`, { inputs: { age: '85', salary: 1 } });
    expect(wrong.status).to.equal(422);
    expect(wrong.body.error.details.map((d: { field: string }) => d.field).sort()).to.deep.equal(['inputs.age', 'inputs.salary']);
    expect((await send('post', `/decisions/no_such_decision/evaluate`, { inputs: {} })).status).to.equal(404);
    expect((await send('get', `/decisions/${key}?version=99`)).status).to.equal(404);
    expect((await send('get', '/decisions', undefined, 'reviewer')).status).to.equal(403);
    expect((await send('post', '/decisions', { xml }, 'applicant')).status).to.equal(403);
  });

  it('refuses a table that breaks the policy, naming each problem, and deploys nothing', async () => {
    const refusedKey = `refused_${randomBytes(3).toString('hex')}`;
    const bad = withKey(FIXTURE, refusedKey)
      .replace('<inputExpression id="e1" typeRef="integer">', '<inputExpression id="e1" typeRef="integer" expressionLanguage="juel">')
      .replace('<text>500</text>', '<text>secret</text>');
    const refused = await send('post', '/decisions', { xml: bad });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.code).to.equal('dmn_refused');
    expect(refused.body.problems.map((p: { rule: string }) => p.rule).sort()).to.deep.equal(['dmn/feel-only', 'dmn/reads-inputs-only']);
    expect(refused.body.problems.find((p: { rule: string }) => p.rule === 'dmn/feel-only').elementId).to.equal('e1');
    expect(await testEnv().engine.decisionDefinitions({ key: refusedKey })).to.deep.equal([]);
    const check = await send('post', '/decisions/check', { xml: bad });
    expect(check.body.valid).to.equal(false);
    const unreadable = await send('post', '/decisions', { xml: '<definitions' });
    expect(unreadable.status).to.equal(422);
    expect(unreadable.body.error.code).to.equal('dmn_unreadable');
    const entity = await send('post', '/decisions', { xml: `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${xml}` });
    expect(entity.body.problems.map((p: { rule: string }) => p.rule)).to.include('policy/no-doctype');
  });

  it("tries a draft in the analyst's own tenant: evaluated by the engine, seen by no process and in no list", async function () {
    // nested inputs (household.region) are Json variables
    if (!engineTakesJson()) this.skip();
    const draftKey = `draft_${randomBytes(3).toString('hex')}`;
    const tried = await send('post', '/decisions/try', { xml: withKey(FIXTURE, draftKey), inputs: { age: 90, household: { region: '430102' } } });
    expect(tried.status, JSON.stringify(tried.body)).to.equal(200);
    expect(tried.body).to.deep.include({ decisionKey: draftKey, results: [{ eligible: true, amount: 100 }] });
    expect((await send('get', '/decisions')).body.decisions.map((d: { key: string }) => d.key)).not.to.include(draftKey);
    expect(await testEnv().engine.decisionDefinitionKeys()).not.to.include(draftKey);
    expect((await send('get', `/decisions/${draftKey}`)).status).to.equal(404);
    // the analyst edits and tries again: the tenant keeps the draft last tried only
    const analyst = await User.findOne({ where: { username: 'analyst' } });
    const edited = withKey(FIXTURE, draftKey).replace('<text>100</text>', '<text>150</text>');
    const again = await send('post', '/decisions/try', { xml: edited, inputs: { age: 90, household: { region: '430102' } } });
    expect(again.body.results).to.deep.equal([{ eligible: true, amount: 150 }]);
    expect(await testEnv().engine.tenantDeployments(`draft-${analyst!.id}`)).to.have.length(1);
  });

  it('a business rule task names a deployed decision reading what its process has, and the engine runs it in a case', async function () {
    // nested inputs (household.region) are Json variables
    if (!engineTakesJson()) this.skip();
    const processKey = `item_rules_${randomBytes(3).toString('hex')}`;
    const bpmn = (ref: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processKey}" name="高龄津贴测试" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:startEvent id="start" name="申请"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:businessRuleTask id="rules" name="资格判定" camunda:decisionRef="${ref}" camunda:resultVariable="allowance" camunda:mapDecisionResult="singleResult"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:businessRuleTask>
    <bpmn:userTask id="review" name="审核" camunda:candidateGroups="samr:reviewer"><bpmn:incoming>f2</bpmn:incoming></bpmn:userTask>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rules" />
    <bpmn:sequenceFlow id="f2" sourceRef="rules" targetRef="review" />
  </bpmn:process>
</bpmn:definitions>`;
    const lintOf = async (ref: string) =>
      ((await send('post', '/lint', { xml: bpmn(ref) })).body.problems as { rule: string; en: string }[]).filter((p) => p.rule.endsWith('deployed-decision'));
    // the decision is deployed, but reads age and household, which no case of this process has (nothing sets them)
    expect((await lintOf(key)).map((p) => p.en)).to.deep.equal([
      `The business rule task's decision "${key}" reads variables the process does not have: age, household`,
    ]);
    expect((await lintOf('no_such_decision')).map((p) => p.en)[0]).to.match(/which is not deployed/);
    // given them (here by the engine's API, as a caller that starts the process with them would), the engine decides
    const { engine } = testEnv();
    await engine.deploy(`test:${processKey}`, [{ name: `${processKey}.bpmn`, content: bpmn(key) }]);
    const instance = await engine.startProcess(processKey, `RULES-${processKey}`, {
      age: { value: 101, type: 'Integer' },
      household: { value: JSON.stringify({ region: '430103' }), type: 'Json' },
    });
    const allowance = await engine.processVariable(instance.id, 'allowance');
    expect(allowance.value).to.deep.equal({ eligible: true, amount: 500 });
  });
});
