import { expect } from 'chai';
import { api, decide, submit, uploadRequired, waitForDecision, waitForStatus } from '../../test/support/api.ts';
import { testEnv } from '../../test/support/environment.ts';

const ANSWERS = { hasTaxMatters: false, hasSocialInsurance: true };
const applicant = { name: '张三', idType: 'resident_id', idNo: '430102199003071234', phone: '13800138000' };
const form = {
  companyName: '长沙市芙蓉区张三餐饮有限公司',
  creditCode: '91350100M000100Y43',
  legalRepName: '张三',
  contactPhone: '13800138000',
  deregistrationReason: 'shareholder_resolution',
  deregistrationMode: 'ordinary',
  lastContributionMonth: '2026-10',
  employeesTransferred: true,
};

describe('企业注销 (QYZXDJ): one refused item refuses the whole bundle', () => {
  it('ends the joint review at the first refusal, terminates the other items and tells the applicant', async () => {
    const plan = await api().post('/api/v1/bundles/QYZXDJ/plan').send({ answers: ANSWERS });
    expect(plan.body.onItemRejected).to.equal('refuse_bundle');
    const materials = await uploadRequired('applicant', plan.body.materials);
    const res = await submit('applicant', { bundleCode: 'QYZXDJ', answers: ANSWERS, applicant, form, materials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    const accepted = await waitForStatus('applicant', caseNo, 'accepted');
    expect(accepted.items.map((i: { itemCode: string }) => i.itemCode)).to.deep.equal(['RS-SBZX-002', 'SCJG-ZX-003']);
    const samr = `${caseNo}-02`;

    await decide('reviewer', samr, 'review', 'approve');
    await decide('leader', samr, 'decision', 'reject');

    const closed = await waitForDecision('applicant', caseNo, 'refused');
    expect(closed.items.map((i: { status: string }) => i.status)).to.deep.equal(['terminated', 'refused']);
    const decided = closed.timeline.find((e: { type: string }) => e.type === 'bundle.decided');
    expect(decided.detail.rule).to.equal('refuse_bundle');
    expect(decided.detail.notice.text).to.contain('单位社会保险注销登记：因同一件事中其他事项不予而终止');
    // the social insurance item's review was withdrawn from the inbox, not left behind
    const open = await testEnv().engine.tasks({ processInstanceBusinessKey: `${caseNo}-01` });
    expect(open).to.deep.equal([]);
    expect(await testEnv().engine.incidents(closed.processInstanceId)).to.deep.equal([]);
  });

  it('shows the applicant the rule before they apply', async () => {
    const res = await api().get('/api/v1/bundles/QYZXDJ');
    expect(res.body.onItemRejected).to.equal('refuse_bundle');
    expect(res.body.onItemRejectedText).to.equal('任一事项不予许可的，本件事整体不予办理，其余事项终止');
    const en = await api().get('/api/v1/bundles/KBCYD').set('Accept-Language', 'en');
    expect(en.body.onItemRejectedText).to.equal('If one item is refused, the other items go on and are decided on their own');
  });
});
