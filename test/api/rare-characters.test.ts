import { expect } from 'chai';
import { applicant, completeMaterials, decide, getCase, ITEM, submit, validForm, waitForDecision } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

type Entry = { type: string; detail: Record<string, unknown> };

/**
 * Issue 16 item 7: documents never fail for a name. An applicant named with a character of CJK
 * Extension B (王𪚥) gets a sealed decision drawn in a fallback font; one with a character no
 * installed font has (U+30041, Extension G) gets it drawn as its code point, noted on the case —
 * never an incident.
 */
describe('documents never fail for a name (rare characters through the real seal step)', function () {
  this.timeout(180_000);

  for (const [name, noted] of [
    ['王𪚥', false],
    ['李\u{30041}', true],
  ] as const) {
    it(`${name}: the decision is sealed${noted ? ', the missing character drawn as its code point and noted on the case' : ' in a fallback font'}, and no incident`, async () => {
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
      const sealed = await eventually(
        `the sealed decision of ${caseNo}`,
        async () =>
          ((await getCase('clerk', caseNo)).body.timeline as Entry[]).find((e) => e.type === 'result.sealed' && e.detail.kind === 'decision_approved'),
        60_000,
      );
      const notes = (sealed.detail.notes ?? []) as { code: string; message: string }[];
      if (noted) expect(notes.map((n) => n.code)).to.deep.equal(['document_glyph_unavailable']);
      else expect(notes).to.deep.equal([]);
      // the seal step went on: the case moves to its delivery, no step left failing
      await eventually(
        `${caseNo} past its results`,
        async () => (['delivering', 'delivered', 'closed'].includes((await getCase('clerk', caseNo)).body.status as string) ? true : undefined),
        60_000,
      );
    });
  }
});
