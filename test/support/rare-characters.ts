import { expect } from 'chai';
import { applicant, completeMaterials, decide, getCase, ITEM, submit, validForm, waitForDecision } from './api.ts';
import { eventually } from './eventually.ts';

/** 李 and a character of CJK Extension G (U+30041) that no installed font has: documents draw it as its code point. */
export const NAME_WITHOUT_FONT = '李\u{30041}';

/**
 * A window case of an applicant of that name (on the form too), approved by the reviewer and the
 * leader and past its results: every document of it sealed, the case at its delivery — the seal
 * step went on, no step left failing.
 */
export async function approvedPastResults(name: string): Promise<string> {
  const res = await submit('clerk', {
    itemCode: ITEM,
    channel: 'window',
    applicant: { ...applicant(), name },
    form: { ...validForm(), operatorName: name },
    materials: await completeMaterials('clerk'),
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  await decide('reviewer', caseNo, 'review', 'approve');
  await decide('leader', caseNo, 'decision', 'approve');
  await waitForDecision('clerk', caseNo, 'approved', 60_000);
  await eventually(
    `${caseNo} past its results`,
    async () => (['delivering', 'delivered', 'closed'].includes((await getCase('clerk', caseNo)).body.status as string) ? true : undefined),
    60_000,
  );
  return caseNo;
}
