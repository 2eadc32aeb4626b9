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

  it('checks each file by its SM3 (密评), and a file from before SM3 by its SHA-256 until it has one', async () => {
    const env = testEnv();
    await env.stopWorkers();
    const materials = await completeMaterials('clerk');
    const res = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
    expect(res.status).to.equal(201);
    const [id, lease] = await Promise.all(materials.map(async (m) => (await Attachment.findByPk(m.attachmentId))!));
    expect(id!.sm3, 'recorded at the upload').to.match(/^[0-9a-f]{64}$/);
    // the identity document intact, its SHA-256 as uploaded, but its recorded SM3 another: found altered
    await id!.update({ sm3: '0'.repeat(64) });
    // the lease as a row from before SM3 (migration 0048) with its file intact: its SHA-256 holds
    await lease!.update({ sm3: null });
    await env.restartWorkers();
    await waitForTask('clerk', res.body.caseNo, 'acceptance_review');
    const waiting = await getCase('clerk', res.body.caseNo);
    const reasons = waiting.body.timeline.find((e: { type: string }) => e.type === 'acceptance.review_requested').detail.reasons;
    expect(reasons.map((r: { 'zh-CN': string }) => r['zh-CN'])).to.deep.equal(['经营者身份证明：文件已损坏或被篡改']);
  });
});
