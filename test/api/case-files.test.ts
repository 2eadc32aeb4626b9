import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, uploadOk, validForm } from '../support/api.ts';
import { samplePng } from '../support/files.ts';

describe("GET /cases/{caseNo}/files/{attachmentId}: a case's files for those who may see the case", () => {
  let caseNo: string;
  let materials: { code: string; attachmentId: string }[];

  before(async () => {
    materials = await completeMaterials('applicant');
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    caseNo = res.body.caseNo;
  });

  const file = async (user: string, attachmentId: string) =>
    api()
      .get(`/api/v1/cases/${caseNo}/files/${attachmentId}`)
      .set(await auth(user));

  it('gives the handling department and the applicant the file inline, with its type and its Chinese name', async () => {
    const pdf = materials.find((m) => m.code === 'premises-proof')!;
    for (const user of ['reviewer', 'applicant', 'clerk']) {
      const res = await file(user, pdf.attachmentId);
      expect(res.status, user).to.equal(200);
      expect(res.type).to.equal('application/pdf');
      expect(res.headers['content-disposition']).to.equal(`inline; filename*=UTF-8''${encodeURIComponent('租赁合同.pdf')}`);
      expect(res.headers['cache-control']).to.equal('private, no-store');
    }
    const png = await file('reviewer', materials.find((m) => m.code === 'operator-id')!.attachmentId);
    expect(png.type).to.equal('image/png');
  });

  it('serves the application form the platform generated from the form, signed by the applicant’s online identity', async () => {
    const view = (await getCase('applicant', caseNo)).body;
    const generated = view.materials.find((m: { code: string }) => m.code === 'application-form');
    expect(generated, 'the application form is on the case').to.include({ name: '个体工商户登记（备案）申请书' });
    const res = await file('reviewer', generated.attachmentId);
    expect(res.status).to.equal(200);
    expect(res.type).to.equal('application/pdf');
    expect(res.headers['content-disposition']).to.equal(`inline; filename*=UTF-8''${encodeURIComponent('个体工商户登记（备案）申请书（平台生成）.pdf')}`);
  });

  it("is a 404 for another department, for a file that is not the case's, and without a token", async () => {
    expect((await file('reviewer2', materials[0]!.attachmentId)).status).to.equal(404);
    const stray = await uploadOk('applicant', 'other.png', samplePng());
    const res = await file('reviewer', stray);
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('attachment_not_found');
    expect((await api().get(`/api/v1/cases/${caseNo}/files/${materials[0]!.attachmentId}`)).status).to.equal(401);
  });
});
