import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { applicant, completeMaterials, getCase, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { Case } from '../../server/cases/case.model.ts';
import { Commitment } from '../../server/cases/commitment.model.ts';

describe('告知承诺 (a signed commitment instead of a material)', () => {
  it('accepts a case whose premises proof is replaced by the applicant’s commitment, and keeps what was signed', async () => {
    const [operatorId] = await completeMaterials('clerk');
    const res = await submit('clerk', {
      itemCode: ITEM,
      applicant: applicant(),
      form: validForm(),
      materials: [operatorId],
      commitments: [{ materialCode: 'premises-proof' }],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const accepted = await waitForStatus('clerk', res.body.caseNo, 'accepted');
    expect(accepted.commitments).to.have.length(1);
    const [signed] = accepted.commitments;
    expect(signed).to.include({ materialCode: 'premises-proof', material: '经营场所使用证明', signer: '张三' });
    expect(signed.text).to.contain('承诺已具备“经营场所使用证明”所证明的条件');
    const expected = createHash('sha256').update([signed.text, '张三', '430102199003071234', signed.signedAt].join('\n')).digest('hex');
    expect(signed.sha256).to.equal(expected);
    expect(accepted.timeline[0].detail.commitments).to.deep.equal(['premises-proof']);
  });

  it('refuses a commitment the item does not allow, or one beside the material itself, writing nothing', async () => {
    const materials = await completeMaterials('clerk');
    const before = [await Case.count(), await Commitment.count()];
    const notAllowed = await submit('clerk', {
      itemCode: ITEM,
      applicant: applicant(),
      form: validForm(),
      materials: materials.slice(1),
      commitments: [{ materialCode: 'operator-id' }, { materialCode: 'application-form' }],
    });
    expect(notAllowed.status).to.equal(422);
    expect(notAllowed.body.error.details).to.deep.equal([
      { field: 'commitments.0.materialCode', message: '告知承诺：“经营者身份证明”不能以承诺代替' },
      // the application form is the platform's to generate, not the applicant's to promise
      { field: 'commitments.1.materialCode', message: '个体工商户登记（备案）申请书：由平台按申请表单的填报内容生成，无需提交' },
    ]);
    const twice = await submit('clerk', {
      itemCode: ITEM,
      applicant: applicant(),
      form: validForm(),
      materials,
      commitments: [{ materialCode: 'premises-proof' }],
    });
    expect(twice.status).to.equal(422);
    expect(twice.body.error.details[0].message).to.contain('无需再作承诺');
    expect([await Case.count(), await Commitment.count()]).to.deep.equal(before);
    expect((await getCase('clerk', 'NOPE')).status).to.equal(404);
  });
});
