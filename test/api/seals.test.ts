import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { Op } from 'sequelize';
import type { Response } from 'supertest';
import { api, auth, waitForStatus } from '../support/api.ts';
import { approvedCase, eventually } from '../support/delivery.ts';
import { testEnv } from '../support/environment.ts';
import { Case } from '../../server/cases/case.model.ts';
import { ResultDocument } from '../../server/results/result-document.model.ts';
import { Seal, SealUse } from '../../server/seals/seal.model.ts';
import { createSandboxCa, issueSigningCertificate, makeDemoSealImage, type SandboxCa } from '../../server/documents/index.ts';
import { encodePng, physData, readChunks, writeChunks, type PngChunk } from '../../server/documents/png-format.ts';
import { governmentName, issuerName } from '../../server/seals/issuer-name.ts';
import { decryptSecret } from '../../server/seals/seal-secrets.ts';

const REGION = '430100';
const SAMR = issuerName(REGION, '市场监督管理局');
const FIRE = issuerName(REGION, '消防救援支队');
const TAX = issuerName(REGION, '税务局');
const PASSWORD = 'seal-test-password';

interface Upload {
  fields?: Record<string, string>;
  image?: Buffer;
  certificate?: Buffer;
}

async function postSeal(upload: Upload, username = 'admin', headers: Record<string, string> = {}) {
  let req = api()
    .post('/api/v1/seals')
    .set(await auth(username))
    .set(headers);
  for (const [name, value] of Object.entries(upload.fields ?? {})) req = req.field(name, value);
  if (upload.image) req = req.attach('image', upload.image, 'seal.png');
  if (upload.certificate) req = req.attach('certificate', upload.certificate, 'seal.p12');
  return req;
}

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The same PNG with its chunks changed by `edit`, CRCs recomputed. */
function edited(png: Buffer, edit: (chunks: PngChunk[]) => PngChunk[]): Buffer {
  const reading = readChunks(png);
  if (!reading.ok) throw new Error(reading.en);
  return writeChunks(edit(reading.chunks));
}

const at72Dpi = (png: Buffer) => edited(png, (chunks) => chunks.map((c) => (c.type === 'pHYs' ? { type: 'pHYs', data: physData(2835) } : c)));

/** A red disc 42 mm across at 600 DPI as a truecolour PNG: the right size and resolution, the wrong colour type. */
function rgbSeal(): Buffer {
  const size = 1000;
  const rows = Array.from({ length: size }, (_, y) => {
    const row = Buffer.alloc(size * 3, 255);
    for (let x = 0; x < size; x++) if ((x - 500) ** 2 + (y - 500) ** 2 <= 496 ** 2) row.set([230, 0, 18], x * 3);
    return row;
  });
  return encodePng({ width: size, height: size, colourType: 2, bitDepth: 8, rows, dpi: 600 });
}

/** The valid seal padded with a comment chunk to exactly 40 KB. */
function fortyKb(png: Buffer): Buffer {
  const padding = { type: 'tEXt', data: Buffer.concat([Buffer.from('Comment\0'), randomBytes(40 * 1024 - png.length - 12 - 8)]) };
  return edited(png, (chunks) => [...chunks.slice(0, -1), padding, chunks.at(-1)!]);
}

const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), randomBytes(2000)]);

/** Seals and management lines of the log (the worker may go on sealing other cases' documents meanwhile). */
const written = async () => [await Seal.count(), await SealUse.count({ where: { usedBy: { [Op.ne]: 'system:seal' } } })];

const codes = (res: Response) => (res.body.error?.details ?? []).map((d: { code?: string }) => d.code);

async function usesOf(sealId: number, query = '') {
  const res = await api()
    .get(`/api/v1/seals/${sealId}/uses${query}`)
    .set(await auth('admin'));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as { total: number; uses: { purpose: string; usedBy: string; caseNo: string | null; documentId: number | null }[] };
}

async function sealOfDecision(caseNo: string): Promise<number> {
  const c = await Case.findOne({ where: { caseNo } });
  const document = await eventually(`the decision of ${caseNo} sealed`, () => ResultDocument.findOne({ where: { caseId: c!.id, kind: 'decision_approved' } }));
  return document.sealId;
}

describe('电子印章管理: seals registered, checked against seed 001, authorised, retired and logged', () => {
  let ca: SandboxCa;
  let samrImage: Buffer;
  const certificate = (department: string, extra: { validFrom?: Date; validTo?: Date } = {}) =>
    issueSigningCertificate(ca, { department, organization: governmentName(REGION), password: PASSWORD, ...extra }).p12;
  const valid = (fields: Record<string, string> = {}): Upload => ({
    fields: {
      departmentCode: 'samr',
      name: '长沙市市场监督管理局行政审批专用章',
      password: PASSWORD,
      users: JSON.stringify(['samr:leader', 'system:seal']),
      ...fields,
    },
    image: samrImage,
    certificate: certificate(SAMR),
  });

  before(() => {
    ca = createSandboxCa();
    samrImage = makeDemoSealImage(SAMR);
  });

  describe('a seal beside the demo seal of 市场监督管理局', () => {
    let sealId: number;
    let demoSealId: number;

    it('is registered (201), listed without its certificate or password, and its image served as stored', async () => {
      demoSealId = (await Seal.findOne({ where: { departmentCode: 'samr', active: true }, order: [['id', 'ASC']] }))!.id;
      const res = await postSeal(valid());
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      sealId = res.body.id;
      expect(res.body).to.include({
        departmentCode: 'samr',
        departmentName: '市场监督管理局',
        name: '长沙市市场监督管理局行政审批专用章',
        active: true,
        createdBy: 'admin',
      });
      expect(res.body.users).to.deep.equal(['samr:leader', 'system:seal']);
      expect(res.body.certificate.subject).to.contain(`CN=${SAMR}`);

      const list = await api()
        .get('/api/v1/seals?departmentCode=samr&active=true')
        .set(await auth('admin'));
      expect(list.status).to.equal(200);
      expect(list.body.seals.map((s: { id: number }) => s.id)).to.include.members([sealId, demoSealId]);
      const listed = list.body.seals.find((s: { id: number }) => s.id === sealId);
      expect(listed).to.not.have.any.keys('certificateP12', 'p12Password', 'image', 'password');
      expect(JSON.stringify(list.body)).to.not.contain(PASSWORD);

      const image = await api()
        .get(listed.imageUrl)
        .set(await auth('admin'))
        .buffer(true)
        .parse(binary as never);
      expect(image.status).to.equal(200);
      expect(image.headers['content-type']).to.equal('image/png');
      expect(Buffer.compare(image.body as Buffer, samrImage)).to.equal(0);

      const stored = await Seal.findByPk(sealId);
      expect(stored!.p12Password).to.not.contain(PASSWORD);
      // 密评: SM4 + HMAC-SM3 under SEAL_KEY, bound to this seal (the next test has the worker open it)
      expect(stored!.p12Password).to.match(/^ss1\./);
      expect(decryptSecret(testEnv().config.sealKey, stored!.p12Password, stored!)).to.equal(PASSWORD);
      // the registration is the log's first line (the worker may have sealed with it since)
      expect((await usesOf(sealId)).uses.at(-1)).to.include({ purpose: '启用', usedBy: 'admin', caseNo: null, documentId: null });
    });

    it('seals the next decision (the newest active seal); once deactivated the worker takes the other one', async () => {
      const first = await approvedCase();
      // every document of the case (decision and e-license) sealed before the seal is retired
      await waitForStatus('applicant', first, 'delivered');
      expect(await sealOfDecision(first)).to.equal(sealId);

      const off = await api()
        .post(`/api/v1/seals/${sealId}/deactivate`)
        .set(await auth('admin'))
        .send({ reason: '印章更换' });
      expect(off.status, JSON.stringify(off.body)).to.equal(200);
      expect(off.body.active).to.equal(false);
      const again = await api()
        .post(`/api/v1/seals/${sealId}/deactivate`)
        .set(await auth('admin'))
        .send({});
      expect(again.status).to.equal(409);
      expect(again.body.error.code).to.equal('seal_inactive');

      const second = await approvedCase();
      expect(await sealOfDecision(second)).to.equal(demoSealId);

      // the log, newest first: the registration first, the retirement by the administrator, and
      // every document the worker sealed with it (a task that took the seal before it was retired
      // may finish after the retirement)
      const sealed = await ResultDocument.findAll({ where: { sealId } });
      const log = await usesOf(sealId);
      expect(log.uses.at(-1)).to.include({ purpose: '启用', usedBy: 'admin', caseNo: null, documentId: null });
      const byAdmin = log.uses.filter((u) => u.usedBy === 'admin');
      expect(byAdmin.map((u) => u.purpose)).to.deep.equal(['停用：印章更换', '启用']);
      const byWorker = log.uses.filter((u) => u.usedBy !== 'admin');
      expect(byWorker.map((u) => [u.usedBy, u.caseNo])).to.deep.equal(byWorker.map(() => ['system:seal', first]));
      expect(byWorker.map((u) => u.documentId)).to.include.members(sealed.map((d) => d.id));
      const decision = sealed.find((d) => d.kind === 'decision_approved')!;
      expect(byWorker.find((u) => u.documentId === decision.id)!.purpose).to.match(/^准予/);

      // the oldest line stays last, whatever is added in front
      const page = await usesOf(sealId, `?limit=1&offset=${log.total - 1}`);
      expect(page.total).to.be.at.least(log.total);
      expect(page.uses).to.deep.equal([log.uses.at(-1)]);
      const bad = await api()
        .get(`/api/v1/seals/${sealId}/uses?limit=0`)
        .set(await auth('admin'));
      expect(bad.status).to.equal(422);
      expect(bad.body.error.details[0].field).to.equal('query.limit');
    });

    it('changes who may use an active seal and logs who was added and removed; refuses unknown users and retired seals', async () => {
      // without system:seal, so that the worker never signs with it
      const res = await postSeal(valid({ users: 'samr:leader, leader' }));
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const id = res.body.id as number;
      expect(res.body.users).to.deep.equal(['samr:leader', 'leader']);

      const changed = await api()
        .put(`/api/v1/seals/${id}/users`)
        .set(await auth('admin'))
        .send({ users: ['samr:leader', 'reviewer4'] });
      expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
      expect(changed.body.users).to.deep.equal(['samr:leader', 'reviewer4']);
      expect((await usesOf(id)).uses.map((u) => [u.purpose, u.usedBy])).to.deep.equal([
        ['授权变更：增加 reviewer4；取消 leader', 'admin'],
        ['启用', 'admin'],
      ]);

      const unknown = await api()
        .put(`/api/v1/seals/${id}/users`)
        .set(await auth('admin'))
        .send({ users: ['nobody', 'samr:janitor', 'mars:leader', 'leader'] });
      expect(unknown.status).to.equal(422);
      expect(codes(unknown)).to.deep.equal(['seal_users_unknown']);
      expect(unknown.body.error.details[0].message).to.equal('可使用人中有不存在或已停用的用户、岗位：samr:janitor、mars:leader、nobody');
      const empty = await api()
        .put(`/api/v1/seals/${id}/users`)
        .set(await auth('admin'))
        .send({ users: [] });
      expect(codes(empty)).to.deep.equal(['seal_users_missing']);

      expect(
        (
          await api()
            .post(`/api/v1/seals/${id}/deactivate`)
            .set(await auth('admin'))
        ).status,
      ).to.equal(200);
      const retired = await api()
        .put(`/api/v1/seals/${id}/users`)
        .set(await auth('admin'))
        .send({ users: ['samr:leader'] });
      expect(retired.status).to.equal(409);
      expect((await usesOf(id)).total).to.equal(3);
    });
  });

  describe('refusals: every problem at once, each with its code, nothing written', () => {
    const cases: [string, () => Upload, string[], string][] = [
      ['a 72-DPI image', () => ({ ...valid(), image: at72Dpi(samrImage) }), ['seal_dpi'], 'image'],
      ['an RGB image', () => ({ ...valid(), image: rgbSeal() }), ['seal_colour_type'], 'image'],
      ['a JPEG', () => ({ ...valid(), image: jpeg() }), ['seal_not_png'], 'image'],
      ['a 40 KB file', () => ({ ...valid(), image: fortyKb(samrImage) }), ['seal_file_size'], 'image'],
      ['a wrong certificate password', () => valid({ password: 'not-the-password' }), ['signer_password'], 'certificate'],
      [
        'an expired certificate',
        () => ({ ...valid(), certificate: certificate(SAMR, { validFrom: new Date('2020-01-01'), validTo: new Date('2023-01-01') }) }),
        ['signer_expired'],
        'certificate',
      ],
      ["another department's certificate", () => ({ ...valid(), certificate: certificate(FIRE) }), ['signer_not_issuer'], 'certificate'],
      ['no certificate at all', () => ({ ...valid(), certificate: undefined }), ['certificate_missing'], 'certificate'],
    ];
    for (const [what, upload, expected, field] of cases) {
      it(`refuses ${what}`, async () => {
        const before = await written();
        const res = await postSeal(upload());
        expect(res.status, JSON.stringify(res.body)).to.equal(422);
        expect(res.body.error.code).to.equal('validation_failed');
        expect(codes(res)).to.include.members(expected);
        expect(res.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(res.body.error.details.map(() => field));
        expect(await written()).to.deep.equal(before);
      });
    }

    it('names the broken rules in words, in the language asked', async () => {
      const zh = await postSeal({ ...valid(), image: fortyKb(samrImage) });
      expect(zh.body.error.details[0].message).to.equal('印章图片须小于30 KB，当前为40.0 KB');
      const expired = await postSeal({ ...valid(), certificate: certificate(SAMR, { validFrom: new Date('2020-01-01'), validTo: new Date('2023-01-01') }) });
      expect(expired.body.error.details[0].message).to.equal('签章证书已于2023-01-01过期');
      const other = await postSeal({ ...valid(), certificate: certificate(FIRE) });
      expect(other.body.error.details[0].message).to.equal(`签章证书属于“${FIRE}”，不是“${SAMR}”的证书`);
    });

    it('lists everything wrong with one request together', async () => {
      const before = await written();
      const res = await postSeal({
        fields: { departmentCode: 'nope', password: 'wrong', users: '["ghost", "samr:leader"]', replace: 'maybe' },
        image: at72Dpi(samrImage),
        certificate: certificate(SAMR),
      });
      expect(res.status).to.equal(422);
      expect(codes(res)).to.have.members(['department_unknown', 'required', 'seal_users_unknown', 'not_boolean', 'seal_dpi', 'signer_password']);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).to.have.members([
        'departmentCode',
        'name',
        'users',
        'replace',
        'image',
        'certificate',
      ]);
      const en = await postSeal({ ...valid(), image: jpeg() }, 'admin', { 'Accept-Language': 'en' });
      expect(en.body.error.details[0].message).to.equal('the seal image must be a PNG; this file is a JPEG image');
      expect(await written()).to.deep.equal(before);
    });

    it('refuses a file in a field it does not take, saying which', async () => {
      const res = await api()
        .post('/api/v1/seals')
        .set(await auth('admin'))
        .field('departmentCode', 'samr')
        .attach('photo', samrImage, 'x.png');
      expect(res.status).to.equal(422);
      expect(res.body.error.details[0]).to.include({ field: 'photo', code: 'unexpected_file' });
    });
  });

  describe('the sandbox CA and replacing a seal', () => {
    it('has the sandbox CA issue the certificate in the embedded default only, and replaces the active seal when asked', async () => {
      const embedded = testEnv().config.mode === 'embedded';
      const olds = await Seal.findAll({ where: { departmentCode: 'tax', active: true } });
      expect(olds).to.not.have.length(0);
      const fields = { departmentCode: 'tax', name: '长沙市税务局电子印章', users: 'tax:leader,system:seal', replace: 'true' };
      const image = makeDemoSealImage(TAX);
      const sandbox = await postSeal({ fields: { ...fields, issueSandboxCertificate: 'true' }, image });
      let id: number;
      if (embedded) {
        expect(sandbox.status, JSON.stringify(sandbox.body)).to.equal(201);
        expect(sandbox.body.certificate.subject).to.contain(`CN=${TAX}`);
        id = sandbox.body.id;
      } else {
        expect(sandbox.status).to.equal(422);
        expect(codes(sandbox)).to.deep.equal(['sandbox_ca_disabled']);
        const uploaded = await postSeal({ fields: { ...fields, password: PASSWORD }, image, certificate: certificate(TAX) });
        expect(uploaded.status, JSON.stringify(uploaded.body)).to.equal(201);
        id = uploaded.body.id;
      }
      const both = await postSeal({ fields: { ...fields, issueSandboxCertificate: 'true', password: PASSWORD }, image, certificate: certificate(TAX) });
      expect(codes(both)).to.include('certificate_ambiguous');

      const active = await Seal.findAll({ where: { departmentCode: 'tax', active: true } });
      expect(active.map((s) => s.id)).to.deep.equal([id]);
      for (const old of olds) expect((await usesOf(old.id)).uses[0]).to.include({ purpose: `停用：由印章#${id}替换`, usedBy: 'admin' });
      expect((await usesOf(id)).uses[0]).to.include({ purpose: `启用（替换印章${olds.map((s) => `#${s.id}`).join('、')}）`, usedBy: 'admin' });
    });
  });

  describe('who may manage seals', () => {
    it('is described in the OpenAPI document', async () => {
      const res = await api().get('/api/v1/openapi.json');
      expect(Object.keys(res.body.paths)).to.include.members([
        '/seals',
        '/seals/{id}',
        '/seals/{id}/image',
        '/seals/{id}/deactivate',
        '/seals/{id}/users',
        '/seals/{id}/uses',
      ]);
    });

    it('answers administrators only (403), and 404 for a seal that does not exist', async () => {
      const id = (await Seal.findOne({ where: { active: true } }))!.id;
      for (const username of ['reviewer', 'leader', 'clerk', 'applicant']) {
        const headers = await auth(username);
        expect((await api().get('/api/v1/seals').set(headers)).status, username).to.equal(403);
        expect((await postSeal(valid(), username)).status, username).to.equal(403);
        expect((await api().get(`/api/v1/seals/${id}/image`).set(headers)).status).to.equal(403);
        expect((await api().get(`/api/v1/seals/${id}/uses`).set(headers)).status).to.equal(403);
        expect((await api().post(`/api/v1/seals/${id}/deactivate`).set(headers)).status).to.equal(403);
        expect(
          (
            await api()
              .put(`/api/v1/seals/${id}/users`)
              .set(headers)
              .send({ users: ['system:seal'] })
          ).status,
        ).to.equal(403);
      }
      expect((await Seal.findByPk(id))!.active).to.equal(true);
      for (const path of ['/api/v1/seals/999999', '/api/v1/seals/abc/uses', '/api/v1/seals/999999/image']) {
        const res = await api()
          .get(path)
          .set(await auth('admin'));
        expect(res.status, path).to.equal(404);
        expect(res.body.error.code).to.equal('seal_not_found');
      }
    });
  });
});
