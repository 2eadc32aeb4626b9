import { expect } from 'chai';
import { applicant, decide, getCase, submit, waitForStatus, waitForTask } from '../../test/support/api.ts';
import { testEnv } from '../../test/support/environment.ts';
import { registerChildOf } from '../../test/support/registries.ts';
import { residentIdCheckCharacter } from '../../contract/validation/id-numbers.ts';

/**
 * 育儿补贴申领 (WJ-YE-001), a 新生儿 benefit decided by 秒批 after the birth registration: the child is
 * registered in the sandbox 人口库 (出生登记), its father applies online and is granted it with no human
 * step; a child not yet registered goes to the health commission's reviewer with the reason.
 */

const ITEM = 'WJ-YE-001';
/** the first 17 digits of a baby's number nobody registered (born 2026-01-01 in 芙蓉区) */
const UNREGISTERED = '43010220260101099';
const ZHANGSAN = applicant().idNo;

describe('育儿补贴申领 (childcare subsidy) by 秒批 after a birth registration', () => {
  it('grants it to the father of a child just registered, with no human step, the decision sealed', async () => {
    const child = { idNo: await registerChildOf(ZHANGSAN, '张小满', 'female', 20) };
    const submitted = await submit('applicant', {
      itemCode: ITEM,
      applicant: applicant(),
      form: { childName: '张小满', childIdNo: child.idNo, relation: 'father' },
      materials: [],
    });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const caseNo = submitted.body.caseNo as string;

    const finished = await waitForStatus('applicant', caseNo, 'delivered');
    expect(finished.decision).to.equal('approved');
    const types = (finished.timeline as { type: string }[]).map((e) => e.type).filter((t) => t !== 'result.sealed');
    expect(types).to.deep.equal([
      'case.submitted',
      'acceptance.accepted',
      'instant.approved',
      'case.approved',
      'payout.paid',
      'delivery.started',
      'delivery.delivered',
    ]);
    // 3,600 yuan paid to the applicant through the payment sandbox's transfer, once
    expect(
      testEnv()
        .payments.control.transfers()
        .filter((t) => t.transferNo === `${caseNo}-PAYOUT`)
        .map((t) => t.amountFen),
    ).to.deep.equal([360000]);
    expect(finished.instantApproval).to.deep.include({ outcome: 'approve', rules: ['rule_7'] });
    expect(finished.instantApproval.decision).to.include({ key: 'childcare_subsidy_instant' });
    const sealed = (finished.timeline as { type: string; detail: { title?: string } }[]).filter((e) => e.type === 'result.sealed').map((e) => e.detail.title);
    expect(sealed).to.include('准予办理决定书');
    const activities = await testEnv().engine.historicActivities(finished.processInstanceId);
    expect(activities.filter((a) => a.activityType === 'userTask')).to.deep.equal([]);
  });

  it('sends the application for a child the population registry does not hold to the reviewer, saying so', async () => {
    // a valid number (check digit right) of a baby nobody registered
    const submitted = await submit('applicant', {
      itemCode: ITEM,
      applicant: applicant(),
      form: { childName: '张未登', childIdNo: `${UNREGISTERED}${residentIdCheckCharacter(UNREGISTERED)}`, relation: 'father' },
      materials: [],
    });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const caseNo = submitted.body.caseNo as string;
    const task = await waitForTask('reviewer-health', caseNo, 'review');
    const c = await getCase('reviewer-health', caseNo);
    expect(c.body.instantApproval, JSON.stringify(c.body.timeline)).to.deep.include({ outcome: 'review', rules: ['rule_1'] });
    expect(c.body.instantApproval.reasons).to.deep.equal(['人口库中未查到该婴幼儿（出生登记可能尚未办结）']);
    expect(c.body.instantApproval.checks).to.deep.equal([{ subject: 'child', registry: 'population', outcome: 'not_found' }]);
    // the reviewer refuses it with the reason; the leader signs; the refusal is sealed and served
    await decide('reviewer-health', caseNo, 'review', 'reject', { opinion: '人口库无该婴幼儿户籍信息，请先办理出生登记。' });
    await decide('leader-health', caseNo, 'decision', 'reject', { opinion: '不予发放。' });
    const finished = await waitForStatus('applicant', caseNo, 'delivered');
    expect(finished.decision).to.equal('refused');
    expect(task.caseNo).to.equal(caseNo);
  });
});
