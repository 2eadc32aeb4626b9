import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { Case } from '../../server/cases/case.model.ts';

const post = async (user: string, path: string, body: object = {}) =>
  api()
    .post(`/api/v1${path}`)
    .set(await auth(user))
    .send(body);

async function applyOnline(codes?: string[]) {
  const materials = (await completeMaterials('applicant')).filter((m) => !codes || codes.includes(m.code));
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.caseNo as string;
}

describe('the case view says what its viewer may do now (actions, correction, owed)', () => {
  it("补正: the applicant may resubmit or withdraw; the notice's problems and the materials it names come with it", async () => {
    const caseNo = await applyOnline([]);
    const view = await waitForStatus('applicant', caseNo, 'correction');
    expect(view.actions).to.deep.include({ withdraw: true, resubmit: true, supply: false, takeBack: false, urgeAvailableAt: null });
    expect(view.correction.reasons).to.deep.equal(['缺少申请材料：经营者身份证明', '缺少申请材料：经营场所使用证明']);
    expect(view.correction.noticeNumber).to.match(/^补〔\d{4}〕/);
    expect(Date.parse(view.correction.dueAt)).to.be.greaterThan(Date.now());
    expect(view.correction.formSchema.properties).to.include.keys('operatorName');
    expect(view.correction.formProblems).to.deep.equal([]);
    const named = Object.fromEntries(view.correction.materials.map((m: { code: string; named: boolean }) => [m.code, m.named]));
    expect(named).to.include({ 'operator-id': true, 'premises-proof': true });
    expect(named, 'the application form is generated, never asked for').not.to.have.property('application-form');
    // English, for an English page
    const en = await api()
      .get(`/api/v1/cases/${caseNo}`)
      .set(await auth('applicant'))
      .set('Accept-Language', 'en');
    expect(en.body.correction.reasons[0]).to.match(/^Missing material: /);
    // a form that no longer passes its schema (one kept from before a rule, say): its problems as a
    // 422 would list them, each with the field's title and the problem's code where it has one
    const row = (await Case.findOne({ where: { caseNo } }))!;
    const form = row.form as Record<string, unknown>;
    await row.update({ form: { ...form, operatorName: '', organizationForm: 'cooperative' } });
    const problems = (await getCase('applicant', caseNo)).body.correction.formProblems as { field: string; label?: string; message: string; code?: string }[];
    expect(problems).to.deep.include({ field: 'operatorName', label: '经营者姓名', code: 'blank', message: '经营者姓名：不能为空' });
    const option = problems.find((p) => p.field === 'organizationForm')!;
    expect(option).to.include({ label: '组成形式' });
    expect(option.message).to.contain('个人经营').and.contain('家庭经营');
    const inEnglish = await api()
      .get(`/api/v1/cases/${caseNo}`)
      .set(await auth('applicant'))
      .set('Accept-Language', 'en');
    expect(inEnglish.body.correction.formProblems.find((p: { field: string }) => p.field === 'operatorName').message).to.match(/^Operator's name: /);
    await row.update({ form });
    // staff of the department read the case but act for nobody
    const staff = (await getCase('reviewer', caseNo)).body;
    expect(staff.actions).to.deep.include({ withdraw: false, resubmit: false, takeBack: false });
    expect(staff.correction).to.equal(null);

    const resubmitted = await post('applicant', `/cases/${caseNo}/resubmission`, { form: validForm(), materials: await completeMaterials('applicant') });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).to.equal(200);
    const accepted = await waitForStatus('applicant', caseNo, 'accepted');
    expect(accepted.actions).to.deep.include({ withdraw: false, resubmit: false });
    expect(accepted.correction).to.equal(null);
  });

  it('催办 is offered while a step is open, with when the caller may urge again; 收回 to whoever completed the last step while the next is unclaimed', async () => {
    const caseNo = await applyOnline();
    const task = await waitForTask('reviewer', caseNo, 'review');
    const before = (await getCase('applicant', caseNo)).body;
    expect(before.actions).to.deep.include({ urge: true, urgeAvailableAt: null, withdraw: false });
    expect((await post('applicant', `/cases/${caseNo}/urge`)).status).to.equal(200);
    const after = (await getCase('applicant', caseNo)).body;
    const again = Date.parse(after.actions.urgeAvailableAt) - Date.now();
    expect(again).to.be.within(9 * 60_000, 10 * 60_000);
    const refused = await post('applicant', `/cases/${caseNo}/urge`);
    expect(refused.status).to.equal(429);
    expect(refused.body.error.message).to.match(/^同一办件每 10 分钟只能催办一次/);
    // another person's ten minutes are their own
    expect((await getCase('clerk', caseNo)).body.actions.urgeAvailableAt).to.equal(null);

    expect((await getCase('reviewer', caseNo)).body.actions.takeBack).to.equal(false);
    expect((await post('reviewer', `/tasks/${task.id}/claim`)).status).to.equal(200);
    expect((await post('reviewer', `/tasks/${task.id}/complete`, { outcome: 'approve', opinion: '同意' })).status).to.equal(200);
    const decision = await waitForTask('leader', caseNo, 'decision');
    expect((await getCase('reviewer', caseNo)).body.actions.takeBack).to.equal(true);
    expect((await getCase('reviewer4', caseNo)).body.actions.takeBack, 'not their step').to.equal(false);
    expect((await getCase('applicant', caseNo)).body.actions.takeBack).to.equal(false);
    // once the leader claims the next step it is theirs: nothing to take back
    expect((await post('leader', `/tasks/${decision.id}/claim`)).status).to.equal(200);
    expect((await getCase('reviewer', caseNo)).body.actions.takeBack).to.equal(false);
    expect((await post('reviewer', `/cases/${caseNo}/take-back`, { reason: '再看看' })).status).to.equal(409);
  });
});
