import { expect } from 'chai';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicant, completeMaterials, getCase, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { Attachment } from '../../server/attachments/attachment.model.ts';

describe('acceptance worker', () => {
  afterEach(async () => {
    await testEnv().restartWorkers();
  });

  it('does not accept, unseen, a case whose stored file was altered after upload', async () => {
    const env = testEnv();
    await env.stopWorkers();
    const materials = await completeMaterials('clerk');
    const res = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
    expect(res.status).to.equal(201);
    const lease = (await Attachment.findByPk(materials.at(-1)!.attachmentId))!;
    appendFileSync(join(env.config.dataDir, 'attachments', lease.storageKey), 'tampered');
    await env.restartWorkers();
    // at the window, the clerk sees what the machine found and decides
    await waitForTask('clerk', res.body.caseNo, 'acceptance_review');
    const waiting = await getCase('clerk', res.body.caseNo);
    const reasons = waiting.body.timeline.find((e: { type: string }) => e.type === 'acceptance.review_requested').detail.reasons;
    expect(reasons.map((r: { 'zh-CN': string }) => r['zh-CN'])).to.deep.equal(['经营场所使用证明：文件已损坏或被篡改']);
  });
});
