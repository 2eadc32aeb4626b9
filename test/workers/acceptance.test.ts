import { expect } from 'chai';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicant, completeMaterials, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { Attachment } from '../../server/db/index.ts';

describe('acceptance worker', () => {
  afterEach(async () => {
    await testEnv().restartWorkers();
  });

  it('does not accept a case whose stored file was altered after upload', async () => {
    const env = testEnv();
    await env.stopWorkers();
    const materials = await completeMaterials('clerk');
    const res = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
    expect(res.status).to.equal(201);
    const lease = (await Attachment.findByPk(materials[2]!.attachmentId))!;
    appendFileSync(join(env.config.dataDir, 'attachments', lease.storageKey), 'tampered');
    await env.restartWorkers();
    const closed = await waitForStatus('clerk', res.body.caseNo, 'not_accepted');
    const reasons = closed.timeline.find((e: { type: string }) => e.type === 'acceptance.not_accepted').detail.reasons;
    expect(reasons.map((r: { 'zh-CN': string }) => r['zh-CN'])).to.deep.equal(['经营场所使用证明：文件已损坏或被篡改']);
  });
});
