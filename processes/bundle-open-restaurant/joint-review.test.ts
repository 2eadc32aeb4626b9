import { expect } from 'chai';
import { api, auth, decide, getCase, submit, uploadRequired, validForm, waitForDecision, waitForStatus, waitForTask } from '../../test/support/api.ts';
import { testEnv } from '../../test/support/environment.ts';
import { eventually } from '../../test/support/eventually.ts';
import { Case } from '../../server/cases/case.model.ts';
import { passDeadline } from '../../test/support/engine.ts';
import { PROCESS_KEYS } from '../../contract/topics.ts';
import { restaurantForm } from './restaurant-form.ts';

const ANSWERS = { needsBusinessRegistration: true, premisesScale: 'large', needsSignboard: false, entrusted: false };

const applicant = { name: '张三', idType: 'resident_id', idNo: '430102199003071234', phone: '13800138000' };

describe('开办餐饮店: one acceptance, the departments review in parallel, one joint decision (联审联办)', () => {
  it('accepts the bundle once, runs each item at its department at the same time, and closes it approved', async () => {
    const plan = await api().post('/api/v1/bundles/KBCYD/plan').send({ answers: ANSWERS });
    expect(plan.status).to.equal(200);
    // 营业执照 is issued by the registration of this very bundle: nobody asks for it
    expect(plan.body.materials.map((m: { code: string }) => m.code)).not.to.include('business-license');
    expect(plan.body.waivedMaterials).to.deep.include({
      code: 'business-license',
      name: '营业执照',
      producedBy: 'SCJG-GT-001',
      reason: '由本件事中的“个体工商户设立登记”产生，免于提交',
      items: ['SCJG-SP-002', 'XF-JC-001'],
    });
    const materials = await uploadRequired('applicant', plan.body.materials);
    const res = await submit('applicant', { bundleCode: 'KBCYD', answers: ANSWERS, applicant, form: restaurantForm(), materials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;

    const accepted = await waitForStatus('applicant', caseNo, 'accepted');
    expect(accepted.kind).to.equal('bundle');
    expect(accepted.items.map((i: { caseNo: string; itemCode: string; status: string }) => `${i.caseNo}:${i.itemCode}:${i.status}`)).to.deep.equal([
      `${caseNo}-01:SCJG-GT-001:accepted`,
      `${caseNo}-02:SCJG-SP-002:accepted`,
      `${caseNo}-03:XF-JC-001:accepted`,
    ]);
    const notice = accepted.timeline.find((e: { type: string }) => e.type === 'acceptance.accepted').detail.notice;
    expect(notice.title['zh-CN']).to.equal('受理通知书');
    expect(notice.text).to.contain('开办餐饮店');

    // all three reviews are open at once, each in its own department's inbox
    const [registration, food, fire] = await Promise.all([
      waitForTask('reviewer', `${caseNo}-01`, 'review'),
      waitForTask('reviewer', `${caseNo}-02`, 'review'),
      waitForTask('reviewer2', `${caseNo}-03`, 'review'),
    ]);
    expect([registration, food, fire].every(Boolean)).to.equal(true);
    // 办件跟踪: the bundle's diagram and each item's, with the three reviews open at once
    const tracking = await api()
      .get(`/api/v1/cases/${caseNo}/tracking`)
      .set(await auth('applicant'));
    expect(tracking.body.instances.map((i: { processDefinitionKey: string }) => i.processDefinitionKey)).to.include.members([
      'bundle_joint_review',
      'case_acceptance',
      'item_standard',
    ]);
    expect(tracking.body.position.filter((p: { activityId: string }) => p.activityId === 'review').map((p: { caseNo: string }) => p.caseNo)).to.have.members([
      `${caseNo}-01`,
      `${caseNo}-02`,
      `${caseNo}-03`,
    ]);
    const fireInbox = await api()
      .get('/api/v1/tasks')
      .query({ caseNo: `${caseNo}-01` })
      .set(await auth('reviewer2'));
    expect(fireInbox.body.tasks.map((t: { caseNo: string }) => t.caseNo)).not.to.include(`${caseNo}-01`);
    // the fire reviewer sees the fire item's part of the one form, not the food licence's fields
    const fireCase = await getCase('reviewer2', `${caseNo}-03`);
    expect(fireCase.body.form).to.include({ maxOccupancy: 120 }).and.not.to.have.property('foodCategories');
    expect(fireCase.body.bundleCaseNo).to.equal(caseNo);

    await Promise.all([
      (async () => {
        await decide('reviewer', `${caseNo}-01`, 'review', 'approve');
        await decide('leader', `${caseNo}-01`, 'decision', 'approve');
      })(),
      (async () => {
        await decide('reviewer', `${caseNo}-02`, 'review', 'approve');
        // 会签: every samr reviewer inspects the premises; one is taken out and added back (减签, 加签)
        const inspection = await waitForTask('reviewer', `${caseNo}-02`, 'site_inspection');
        await waitForTask('reviewer4', `${caseNo}-02`, 'site_inspection');
        const asReviewer = await auth('reviewer');
        const signers = (path: string, to: string) =>
          api().post(`/api/v1/tasks/${inspection.id}/${path}`).set(asReviewer).send({ to, reason: '调整现场核查人员' });
        expect((await signers('remove-signer', 'reviewer4')).status).to.equal(200);
        expect((await signers('remove-signer', 'reviewer')).status, 'the last one stays').to.equal(409);
        expect((await signers('add-signer', 'reviewer2')).status, 'another department').to.equal(422);
        expect((await signers('add-signer', 'reviewer4')).status).to.equal(200);
        await Promise.all([
          decide('reviewer', `${caseNo}-02`, 'site_inspection', 'approve'),
          decide('reviewer4', `${caseNo}-02`, 'site_inspection', 'approve'),
        ]);
        await decide('leader', `${caseNo}-02`, 'decision', 'approve');
      })(),
      (async () => {
        await decide('reviewer2', `${caseNo}-03`, 'review', 'approve');
        // 或签: both fire inspectors are sent; the first to pass the premises ends it for both
        await waitForTask('reviewer2', `${caseNo}-03`, 'site_inspection');
        await decide('reviewer5', `${caseNo}-03`, 'site_inspection', 'approve');
        await eventually("the other inspector's task withdrawn", async () => {
          const inbox = await api()
            .get('/api/v1/tasks')
            .query({ caseNo: `${caseNo}-03` })
            .set(await auth('reviewer2'));
          return !inbox.body.tasks.some(
            (t: { caseNo: string; taskDefinitionKey: string }) => t.caseNo === `${caseNo}-03` && t.taskDefinitionKey === 'site_inspection',
          );
        });
        // 退回 inside the fire item: the market regulator's items go on undisturbed
        const decision = await waitForTask('leader2', `${caseNo}-03`, 'decision');
        await api()
          .post(`/api/v1/tasks/${decision.id}/claim`)
          .set(await auth('leader2'));
        const back = await api()
          .post(`/api/v1/tasks/${decision.id}/send-back`)
          .set(await auth('leader2'))
          .send({ to: 'review', reason: '疏散通道宽度需现场复核' });
        expect(back.status, JSON.stringify(back.body)).to.equal(200);
        await decide('reviewer2', `${caseNo}-03`, 'review', 'approve');
        await decide('reviewer2', `${caseNo}-03`, 'site_inspection', 'approve');
        await decide('leader2', `${caseNo}-03`, 'decision', 'approve');
      })(),
    ]);
    const closed = await waitForDecision('applicant', caseNo, 'approved');
    expect(closed.items.map((i: { status: string }) => i.status)).to.deep.equal(['approved', 'approved', 'approved']);
    const foodItem = await getCase('reviewer', `${caseNo}-02`);
    const tally = foodItem.body.timeline.find((e: { type: string }) => e.type === 'review.rule_decided');
    expect(tally.detail).to.include({ step: 'site_inspection', rule: 'countersign', approvals: 2, rejections: 0, result: 'approve' });
    expect(foodItem.body.timeline.map((e: { type: string }) => e.type)).to.include.members(['review.rule_started', 'task.signer_removed', 'task.signer_added']);
    const fireItem = await getCase('reviewer2', `${caseNo}-03`);
    expect(fireItem.body.timeline.map((e: { type: string }) => e.type)).to.include('task.sent_back');
    const fireTallies = fireItem.body.timeline.filter((e: { type: string }) => e.type === 'review.rule_decided');
    // 或签 twice (before and after the 退回), each ended by the first approval
    expect(fireTallies.map((e: { detail: Record<string, unknown> }) => [e.detail.step, e.detail.rule, e.detail.approvals, e.detail.result])).to.deep.equal([
      ['site_inspection', 'any', 1, 'approve'],
      ['site_inspection', 'any', 1, 'approve'],
    ]);
    const decided = closed.timeline.find((e: { type: string }) => e.type === 'bundle.decided');
    expect(decided.detail.status).to.equal('approved');
    expect(decided.detail.notice.text).to.contain('个体工商户设立登记：准予');
    expect(await testEnv().engine.incidents(closed.processInstanceId)).to.deep.equal([]);
  });

  it('refuses a bundle submission that is wrong in any way, saying each thing, and writes nothing', async () => {
    const before = await Case.count();
    const plan = await api().post('/api/v1/bundles/KBCYD/plan').send({ answers: ANSWERS });
    const materials = await uploadRequired('applicant', plan.body.materials);
    const body = { bundleCode: 'KBCYD', answers: ANSWERS, applicant, form: restaurantForm(), materials };
    const messages = (res: { body: { error: { details: { field: string; message: string }[] } } }) =>
      res.body.error.details.map((d) => `${d.field}: ${d.message}`);

    expect(messages(await submit('applicant', { ...body, bundleCode: 'NOPE' }))).to.deep.equal(['bundleCode: 一件事编码：一件事“NOPE”不存在']);
    expect(messages(await submit('applicant', { ...body, itemCode: 'SCJG-GT-001' }))).to.deep.equal(['itemCode: 事项编码：须填写事项编码或一件事编码之一']);
    expect(messages(await submit('applicant', { ...body, answers: { needsBusinessRegistration: true } }))).to.have.length(3);
    // a field of the signboard item, which these answers did not choose
    const stray = await submit('applicant', { ...body, form: { ...restaurantForm(), signboardText: '张三小吃' } });
    expect(stray.status).to.equal(422);
    expect(stray.body.error.details[0].field).to.equal('form.signboardText');
    // the business licence comes from this very bundle: handing one in is a mistake, said plainly
    const licence = await uploadRequired('applicant', [{ code: 'business-license', formats: ['pdf'], required: true }]);
    expect(messages(await submit('applicant', { ...body, materials: [...materials, ...licence] }))).to.deep.equal([
      `materials.${materials.length}.code: 材料“business-license”不是本件事的申请材料`,
    ]);
    expect(await Case.count()).to.equal(before);
  });
});

describe('开办餐饮店 accepted with a deferred material (容缺) at the bundle', () => {
  it('terminates the bundle and every item when the deferred material does not come in time', async () => {
    const answers = { needsBusinessRegistration: true, premisesScale: 'small', needsSignboard: false, entrusted: false };
    const plan = await api().post('/api/v1/bundles/KBCYD/plan').send({ answers });
    const materials = (await uploadRequired('applicant', plan.body.materials)).filter((m) => m.code !== 'premises-layout');
    const form = { ...validForm(), premisesArea: 80, businessFormat: 'snack_bar', foodCategories: '热食类食品制售', foodSafetyManager: '张三' };
    const res = await submit('applicant', { bundleCode: 'KBCYD', answers, applicant, form, materials, deferrals: [{ materialCode: 'premises-layout' }] });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    const accepted = await waitForStatus('applicant', caseNo, 'accepted');
    expect(accepted.timeline.find((e: { type: string }) => e.type === 'acceptance.accepted').detail.deficiencies).to.deep.equal(['premises-layout']);
    await waitForTask('reviewer', `${caseNo}-02`, 'review');

    await passDeadline(caseNo, PROCESS_KEYS.bundle);
    const terminated = await waitForStatus('applicant', caseNo, 'terminated');
    expect(terminated.items.map((i: { status: string }) => i.status)).to.deep.equal(['terminated', 'terminated']);
    // the engine ends the items' instances once the notice task completes, right after the status
    await eventually("the items' tasks withdrawn", async () => (await testEnv().engine.tasks({ processInstanceBusinessKeyLike: `${caseNo}%` })).length === 0);
  });
});
