// test-plan: every-profile — stored files and the app database's file modes differ by profile
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { testEnv } from '../support/environment.ts';
import { api, auth, upload } from '../support/api.ts';
import { samplePdf, samplePng } from '../support/files.ts';
import { Attachment } from '../../server/attachments/attachment.model.ts';
import { attachmentIntact } from '../../server/attachments/index.ts';
import { storageOf } from '../../server/storage/index.ts';

describe('attachments', () => {
  it('stores a PDF with its SM3 (the integrity hash, 密评) and its SHA-256 (for outside parties), keeping a Chinese file name', async () => {
    const pdf = samplePdf('lease');
    const res = await upload('applicant', '租赁合同.pdf', pdf);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ originalName: '租赁合同.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length });
    const sm3 = createHash('sm3').update(pdf).digest('hex');
    expect(res.body.sm3).to.equal(sm3);
    expect(res.body.sha256).to.equal(createHash('sha256').update(pdf).digest('hex'));
    const stored = (await Attachment.findByPk(res.body.id))!;
    expect(stored).to.include({ sm3, sha256: res.body.sha256 });
    expect(await attachmentIntact(storageOf(testEnv().config), stored)).to.equal(true);
  });

  it('keeps personal data out of other users’ reach: the data directory 0700, the stored file 0600', async () => {
    const res = await upload('applicant', '身份证.png', samplePng());
    expect(res.status).to.equal(201);
    const { dataDir } = testEnv().config;
    expect(statSync(dataDir).mode & 0o777, 'the data directory').to.equal(0o700);
    const stored = (await Attachment.findByPk(res.body.id))!;
    const file = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith(stored.storageKey));
    expect(file, 'the stored file').to.be.a('string');
    expect(statSync(join(dataDir, file!)).mode & 0o077, 'no access for group or others').to.equal(0);
    if (testEnv().profile === 'embedded') expect(statSync(join(dataDir, 'app.sqlite')).mode & 0o077, 'the app database').to.equal(0);
  });

  it('judges the type by content: a PNG named .pdf and a text file are refused, and nothing is stored', async () => {
    const before = await Attachment.count();
    const disguised = await upload('applicant', '申请书.pdf', samplePng());
    expect(disguised.status).to.equal(415);
    expect(disguised.body.error.code).to.equal('file_type_mismatch');
    expect(disguised.body.error.message).to.contain('PNG');
    const script = await upload('applicant', 'evil.pdf', Buffer.from('#!/bin/sh\nrm -rf /\n'));
    expect(script.status).to.equal(415);
    expect(script.body.error.code).to.equal('file_type_not_allowed');
    const exe = await upload('applicant', 'setup.exe', Buffer.from('MZ\x90\x00\x03'));
    expect(exe.status).to.equal(415);
    expect(await Attachment.count()).to.equal(before);
  });

  it('refuses a file over the size limit, an empty file and a request without a file', async () => {
    const before = await Attachment.count();
    const big = Buffer.concat([samplePdf('big'), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    const tooLarge = await upload('applicant', 'big.pdf', big);
    expect(tooLarge.status).to.equal(413);
    expect(tooLarge.body.error.message).to.equal('文件超过大小限制');
    const empty = await upload('applicant', 'empty.pdf', Buffer.alloc(0));
    expect(empty.status).to.equal(400);
    const none = await api()
      .post('/api/v1/attachments')
      .set(await auth('applicant'))
      .field('note', 'x');
    expect(none.status).to.equal(400);
    expect(await Attachment.count()).to.equal(before);
  });
});
