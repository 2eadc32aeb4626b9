import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForStatus, waitForTask } from '../../test/support/api.ts';
import { testEnv } from '../../test/support/environment.ts';
import { eventually } from '../../test/support/eventually.ts';

/**
 * 即报即批 / 秒批 of 个体工商户设立登记 on the real engine, the real sandbox registries and the shipped
 * decision table (instant-approval.dmn): a general business of an operator the population registry
 * holds is registered with no human step, its 营业执照 sealed and issued; any other case goes to the
 * reviewer with the table's reasons; an outage of the registry sends it to the reviewer too.
 */

interface TimelineEntry {
  type: string;
  actor: string;
  detail: Record<string, unknown>;
}

const general = () => ({ ...validForm(), businessName: '张三日用百货店', businessScope: '日用百货零售；文具用品零售' });

async function submitOnline(form: Record<string, unknown>): Promise<string> {
  const materials = await completeMaterials('applicant');
  const submitted = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form, materials });
  expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
  return submitted.body.caseNo as string;
}

async function waitForEntry(caseNo: string, type: string): Promise<TimelineEntry> {
  let timeline: TimelineEntry[] = [];
  const found = async () => (timeline = (await getCase('applicant', caseNo)).body.timeline as TimelineEntry[]).find((e) => e.type === type);
  return eventually(`${type} on ${caseNo}`, found, 30_000, { intervalMs: 200, last: () => timeline.map((e) => e.type).join(', ') });
}

async function hits(): Promise<{ version: number; evaluations: number; rules: { id: string; hits: number; outputs: Record<string, string> }[] }[]> {
  const res = await api()
    .get('/api/v1/modeler/decisions/individual_business_instant/hits')
    .set(await auth('analyst'));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.versions;
}

const ruleHits = (versions: Awaited<ReturnType<typeof hits>>, id: string) => versions.reduce((n, v) => n + (v.rules.find((r) => r.id === id)?.hits ?? 0), 0);

describe('秒批 (instant approval) of 个体工商户设立登记 on the real engine and the sandbox registries', () => {
  it('registers a general business of a verified operator with no human step: sealed, the 营业执照 issued, the decision on the timeline and in the audit trail', async () => {
    const before = await hits();
    const caseNo = await submitOnline(general());
    const finished = await waitForStatus('applicant', caseNo, 'delivered');
    expect(finished.decision).to.equal('approved');

    const types = (finished.timeline as TimelineEntry[]).map((e) => e.type).filter((t) => t !== 'result.sealed');
    expect(types).to.deep.equal([
      'case.submitted',
      'acceptance.accepted',
      'instant.approved',
      'case.approved',
      'e_license.issued',
      'delivery.started',
      'delivery.delivered',
    ]);
    const instant = (finished.timeline as TimelineEntry[]).find((e) => e.type === 'instant.approved')!;
    expect(instant.actor).to.equal('worker:instant-approval');
    expect(instant.detail.outcome).to.equal('approve');
    expect(instant.detail.decision).to.include({ key: 'individual_business_instant' });
    expect((instant.detail.decision as { version: number }).version).to.be.a('number');
    expect(instant.detail.rules).to.deep.equal(['rule_7']);
    expect(instant.detail.inputs).to.deep.equal({
      operatorFound: true,
      operatorNameMatches: true,
      operatorAlive: true,
      operatorAgeYears: (instant.detail.inputs as { operatorAgeYears: number }).operatorAgeYears,
      organizationForm: 'individual',
      businessScope: '日用百货零售；文具用品零售',
    });
    expect((instant.detail.inputs as { operatorAgeYears: number }).operatorAgeYears).to.be.within(30, 45);
    expect(instant.detail.checks).to.deep.equal([{ subject: 'operator', registry: 'population', outcome: 'found' }]);
    expect(finished.opinions, 'nobody gave an opinion: no human step').to.deep.equal([]);

    // no user task ever existed for the case: the engine's history of its activities says so
    const activities = await testEnv().engine.historicActivities(finished.processInstanceId);
    expect(activities.filter((a) => a.activityType === 'userTask')).to.deep.equal([]);
    expect(activities.map((a) => a.activityId)).to.include('instant_approval');

    // the licence is in the registry, sealed
    const sealed = (finished.timeline as TimelineEntry[]).filter((e) => e.type === 'result.sealed').map((e) => e.detail.title);
    expect(sealed).to.include.members(['准予行政许可决定书', '营业执照（个体工商户）']);
    const licence = (finished.timeline as TimelineEntry[]).find((e) => e.type === 'e_license.issued')!;
    expect(licence.detail).to.include({ type: 'business-license' });

    // the lookup is in the shared-data log with the case; the decision in the audit trail; the rule's hit counted
    const log = await api()
      .get('/api/v1/shared-data/queries')
      .query({ caseNo })
      .set(await auth('supervisor'));
    expect(log.status, JSON.stringify(log.body)).to.equal(200);
    expect(log.body.queries.map((q: { actor: string; registry: string; outcome: string }) => [q.actor, q.registry, q.outcome])).to.deep.include([
      'worker:instant-approval',
      'population',
      'found',
    ]);
    const audit = await api()
      .get('/api/v1/audit/events')
      .query({ action: 'case.instant_decided', target: `case:${caseNo}` })
      .set(await auth('auditor'));
    expect(audit.status, JSON.stringify(audit.body)).to.equal(200);
    expect(audit.body.events).to.have.length(1);
    expect(audit.body.events[0].detail).to.deep.include({ outcome: 'approve', rules: ['rule_7'] });
    const after = await hits();
    expect(ruleHits(after, 'rule_7') - ruleHits(before, 'rule_7')).to.equal(1);
    expect(after[0]!.rules.find((r) => r.id === 'rule_7')!.outputs.outcome).to.equal('"approve"');
  });

  it('sends a family business selling food to the reviewer with every reason the table gives, shown on the case', async () => {
    const caseNo = await submitOnline({ ...validForm(), organizationForm: 'family' });
    const referred = await waitForEntry(caseNo, 'instant.referred');
    expect(referred.detail.outcome).to.equal('review');
    expect(referred.detail.rules).to.deep.equal(['rule_5', 'rule_6']);
    expect((referred.detail.reasons as { 'zh-CN': string }[]).map((r) => r['zh-CN'])).to.deep.equal([
      '家庭经营须核验参加经营的家庭成员',
      '经营范围含须取得许可的项目（餐饮、食品、药品、烟草等），须人工审核',
    ]);
    const task = await waitForTask('reviewer', caseNo, 'review');
    expect(task.caseNo).to.equal(caseNo);
    // the reviewer reads the verdict and its reasons on the case, in either language
    const seen = await getCase('reviewer', caseNo, 'en');
    expect(seen.body.instantApproval).to.deep.include({ outcome: 'review' });
    expect(seen.body.instantApproval.reasons).to.deep.equal([
      'A family business: the family members taking part must be checked',
      'The business scope includes activities that need a licence (catering, food, medicine, tobacco …): a reviewer decides',
    ]);
    expect(seen.body.instantApproval.decision).to.include({ key: 'individual_business_instant' });
  });

  it('sends the case to the reviewer when the operator’s name differs from the population registry’s', async () => {
    const caseNo = await submitOnline({ ...general(), operatorName: '张叁' });
    const referred = await waitForEntry(caseNo, 'instant.referred');
    expect(referred.detail.rules).to.deep.equal(['rule_2']);
    expect((referred.detail.inputs as Record<string, unknown>).operatorNameMatches).to.equal(false);
    await waitForTask('reviewer', caseNo, 'review');
  });

  it('sends the case to the reviewer, saying why, while the population registry is down', async () => {
    const { registries } = testEnv();
    registries.control.setOutage(true);
    try {
      // 李四 as the operator: a person the worker has not looked up (a record found is reused for a minute)
      const caseNo = await submitOnline({ ...general(), operatorName: '李四', operatorIdNo: '430102198506120021' });
      const referred = await waitForEntry(caseNo, 'instant.referred');
      expect(referred.detail.decision).to.equal(null);
      expect((referred.detail.reasons as { 'zh-CN': string }[]).map((r) => r['zh-CN'])).to.deep.equal(['人口库暂不可用，未能核验共享数据，转人工审核']);
      await waitForTask('reviewer', caseNo, 'review');
    } finally {
      registries.control.setOutage(false);
    }
  });
});
