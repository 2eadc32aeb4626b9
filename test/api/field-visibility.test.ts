import { expect } from 'chai';
import { applicant, completeMaterials, decide, getCase, ITEM, submit, validForm, waitForTask } from '../support/api.ts';

const fields = async (user: string, caseNo: string) => Object.keys((await getCase(user, caseNo)).body.form).sort();

describe('按环节控制字段可见: each step sees the form fields its item gives it', () => {
  it('shows the 签发 step no personal data it does not need, and everyone else what they worked on', async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const caseNo = res.body.caseNo as string;
    await waitForTask('reviewer', caseNo, 'review');
    const all = Object.keys(validForm()).sort();
    expect(await fields('reviewer', caseNo), 'the review step is not restricted').to.deep.equal(all);
    expect(await fields('leader', caseNo), 'a leader with no step yet').not.to.include('operatorIdNo');

    await decide('reviewer', caseNo, 'review', 'approve');
    await waitForTask('leader', caseNo, 'decision');
    const leaderSees = await fields('leader', caseNo);
    expect(leaderSees).to.include.members(['businessName', 'businessScope', 'premisesAddress']);
    expect(leaderSees).not.to.include.members(['operatorIdNo']);
    expect(leaderSees).not.to.include('operatorPhone');
    expect(await fields('reviewer', caseNo), 'what they reviewed').to.deep.equal(all);
    expect(await fields('applicant', caseNo)).to.deep.equal(all);
    expect(await fields('clerk', caseNo)).to.deep.equal(all);
  });
});
