import { expect } from 'chai';
import { api, decide, foodForm, submit, uploadRequired, useToken, waitForDecision, waitForTask } from './api.ts';
import { oidcSignIn } from './oidc.ts';

/**
 * 法人 in the tests: a person signed in for a company through the sandbox provider (the API helpers
 * then act as that company account), and the company's 食品经营许可证 (开办餐饮店) applied for from it
 * and approved by the reviewers, the leader deciding.
 */

/** The identity sandbox's restaurant company (its legal representative 赵六, its agent 王五). */
export const FURONG = { key: 'lp-furong-catering', name: '长沙芙蓉示范餐饮有限公司', creditCode: '91430100MA4L1A2B3F' };

let serial = 0;
/** each sign-in from an address of its own: the per-address sign-in limit stays the test's */
const from = () => `198.51.100.${(Date.now() + serial++) % 200}`;

/** Signs `person` (a sandbox subject, np-…) in for the company; answers the company account's user name. */
export async function signInForCompany(person: string, company = FURONG.key): Promise<string> {
  const res = await oidcSignIn('company', `${company}~${person}`, { forwardedFor: from() });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  const user = res.body.user as { username: string };
  useToken(user.username, res.body.token as string);
  return user.username;
}

/** The company's application for its 食品经营许可证 (SCJG-SP-002), as its page sends it: the name and credit code are the account's. */
export async function applyForFoodLicence(username: string) {
  const item = await api().get('/api/v1/items/SCJG-SP-002');
  const materials = await uploadRequired(
    username,
    (item.body.materials as { when?: object; code: string; formats: string[]; required: boolean }[]).filter((m) => !m.when),
  );
  return submit(username, {
    itemCode: 'SCJG-SP-002',
    answers: { entrusted: false },
    applicant: { name: '王五', idType: 'resident_id', idNo: '', phone: '13800138000' },
    form: foodForm(),
    materials,
  });
}

/** The food licence's review, joint site inspection and decision, all approving; waits for the decision. */
export async function approveFoodLicence(applicant: string, caseNo: string): Promise<void> {
  await decide('reviewer', caseNo, 'review', 'approve');
  await waitForTask('reviewer4', caseNo, 'site_inspection');
  await Promise.all([decide('reviewer', caseNo, 'site_inspection', 'approve'), decide('reviewer4', caseNo, 'site_inspection', 'approve')]);
  await decide('leader', caseNo, 'decision', 'approve');
  await waitForDecision(applicant, caseNo, 'approved', 60_000);
}
