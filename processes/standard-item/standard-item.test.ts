import { expect } from 'chai';
import { api, auth, submit, uploadOk, waitForStatus, waitForTask } from '../../test/support/api.ts';
import { samplePdf } from '../../test/support/files.ts';

describe('item processes offer each item to its own department', () => {
  it('routes a fire-safety inspection to the fire department and nobody else', async () => {
    const pdf = async (name: string) => uploadOk('clerk', `${name}.pdf`, samplePdf(name));
    const materials = [];
    // the application form is generated from the form (申请表电子化): never uploaded
    for (const code of ['fire-safety-commitment', 'business-license', 'premises-layout', 'fire-safety-plan']) {
      materials.push({ code, attachmentId: await pdf(code) });
    }
    const res = await submit('clerk', {
      itemCode: 'XF-JC-001',
      applicant: { name: '李四', idType: 'resident_id', idNo: '11010519491231002X', phone: '13900139000' },
      form: {
        businessName: '李四火锅店',
        operatorName: '李四',
        operatorPhone: '13900139000',
        premisesAddress: '长沙市天心区解放西路88号',
        premisesArea: 420,
        venueFloors: '1-2层',
        maxOccupancy: 180,
        fireSafetyManager: '王五',
        openingDate: '2026-12-20',
      },
      materials,
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    await waitForStatus('clerk', caseNo, 'accepted');
    const task = await waitForTask('reviewer2', caseNo, 'review');
    const samrInbox = await api()
      .get('/api/v1/tasks')
      .query({ caseNo })
      .set(await auth('reviewer'));
    expect((samrInbox.body.tasks as { caseNo: string }[]).map((t) => t.caseNo)).not.to.include(caseNo);
    expect(
      (
        await api()
          .post(`/api/v1/tasks/${task.id}/claim`)
          .set(await auth('reviewer'))
      ).status,
    ).to.equal(404);
    expect(
      (
        await api()
          .post(`/api/v1/tasks/${task.id}/claim`)
          .set(await auth('reviewer2'))
      ).status,
    ).to.equal(200);
  });
});
