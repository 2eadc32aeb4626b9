import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { Response } from 'supertest';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { approvedCase, chooseDelivery, deliveryOf, otherApplicant, recipient } from '../support/delivery.ts';
import { eventually } from '../support/eventually.ts';
import { Case } from '../../server/cases/case.model.ts';
import { pdfText } from '../unit/documents/helpers.ts';

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function download(username: string, url: string) {
  return api()
    .get(url)
    .set(await auth(username))
    .buffer(true)
    .parse(binary as never);
}

describe('电子送达: the applicant downloads the sealed, signed results', () => {
  let caseNo: string;
  let documents: { id: number; kind: string; title: string; sha256: string; url: string }[];

  before(async () => {
    caseNo = await approvedCase();
    await waitForStatus('applicant', caseNo, 'delivered');
    ({ documents } = await deliveryOf('applicant', caseNo));
  });

  it('delivers electronically when nothing was chosen, at once', async () => {
    const delivery = await deliveryOf('applicant', caseNo);
    expect(delivery).to.include({ method: 'electronic', chosen: false, status: 'delivered', waybillNo: null, pickup: null });
    expect(documents.map((d) => d.kind)).to.include('decision_approved');
  });

  it('gives the applicant the signed PDF with its Chinese title, whose hash is the one recorded', async () => {
    const decision = documents.find((d) => d.kind === 'decision_approved')!;
    const res = await download('applicant', decision.url);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(createHash('sha256').update(body).digest('hex')).to.equal(decision.sha256);
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="[^"]*\.pdf"; filename\*=UTF-8''.+\.pdf$/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'] as string)![1]!;
    expect(decodeURIComponent(encoded)).to.equal(`${decision.title}.pdf`);
    // staff who may see the case download it too
    expect((await download('reviewer', decision.url)).status).to.equal(200);
  });

  it('addresses the decision and each notice to the applicant once (称谓, not twice)', async () => {
    const name = applicant().name;
    expect(documents.filter((d) => d.kind === 'notice').length, 'the acceptance notice at least').to.be.greaterThan(0);
    for (const d of documents.filter((x) => x.kind === 'decision_approved' || x.kind === 'notice')) {
      const text = pdfText((await download('applicant', d.url)).body as Buffer);
      expect(text.split(`${name}：`).length - 1, `${d.title}: "${name}：" once`).to.equal(1);
    }
  });

  it('gives nothing to another applicant, another department or a wrong id (404)', async () => {
    const url = documents[0]!.url;
    const stranger = await download(await otherApplicant(), url);
    expect(stranger.status).to.equal(404);
    expect((await download('reviewer2', url)).status).to.equal(404);
    expect((await download('applicant', url.replace(/\d+$/, '999999'))).status).to.equal(404);
    expect((await download('applicant', url.replace(/\d+$/, 'abc'))).status).to.equal(404);
    const other = await api()
      .get(`/api/v1/cases/${caseNo}/delivery`)
      .set(await auth(await otherApplicant()));
    expect(other.status).to.equal(404);
  });

  it('refuses a new choice once the delivery has started (409)', async () => {
    const res = await chooseDelivery('applicant', caseNo, { method: 'pickup' });
    expect(res.status).to.equal(409);
    expect(res.body.error).to.include({ code: 'delivery_started', message: '送达已开始，不能再更改送达方式' });
  });
});

describe('choosing the delivery: checked like the carrier checks, before anything is kept', () => {
  let caseNo: string;

  before(async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    caseNo = res.body.caseNo as string;
    // the 受理通知书 is sealed after acceptance: the delivery's documents stand still once it is there
    await eventually('the acceptance notice among the documents', async () =>
      ((await deliveryOf('applicant', caseNo)).documents as { kind: string }[]).some((d) => d.kind === 'notice'),
    );
  });

  const bad: [string, unknown, string][] = [
    ['a phone that is not a mobile number', { method: 'logistics', recipient: { ...recipient(), phone: '12345678901' } }, 'recipient.phone'],
    ['an address without province or city', { method: 'logistics', recipient: { ...recipient(), address: '麓山南路932号某某小区' } }, 'recipient.address'],
    ['a name with digits', { method: 'logistics', recipient: { ...recipient(), name: '李四2' } }, 'recipient.name'],
    ['logistics without a recipient', { method: 'logistics' }, 'recipient'],
    ['a recipient for pickup', { method: 'pickup', recipient: recipient() }, 'recipient'],
    ['an unknown method', { method: 'pigeon' }, 'method'],
    ['no body', undefined, '/'],
  ];
  for (const [what, body, field] of bad) {
    it(`refuses ${what} with a 422 naming the field`, async () => {
      const res = await chooseDelivery('applicant', caseNo, body);
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).to.include(field);
      expect((await Case.findOne({ where: { caseNo } }))!.deliveryChoice).to.equal(null);
    });
  }

  it("says what is wrong in the request's language", async () => {
    const res = await api()
      .put(`/api/v1/cases/${caseNo}/delivery`)
      .set(await auth('applicant'))
      .set('Accept-Language', 'en')
      .send({ method: 'logistics', recipient: { ...recipient(), phone: '12345678901' } });
    expect(res.body.error.details[0].message).to.equal("Recipient's mobile phone: is not a valid mobile phone number");
  });

  it('lets the applicant and a clerk choose, nobody else', async () => {
    expect((await chooseDelivery('reviewer', caseNo, { method: 'pickup' })).status).to.equal(403);
    expect((await chooseDelivery(await otherApplicant(), caseNo, { method: 'pickup' })).status).to.equal(404);
    const clerk = await chooseDelivery('clerk', caseNo, { method: 'pickup' });
    expect(clerk.status).to.equal(200);
    const mine = await chooseDelivery('applicant', caseNo, { method: 'logistics', recipient: recipient() });
    expect(mine.status).to.equal(200);
    const masked = { ...recipient(), phone: '139****5678' };
    const shown = await deliveryOf('applicant', caseNo);
    // the answer is the delivery as the page reads it (its card read documents.length of the bare choice and vanished)
    expect(mine.body, 'PUT answers what GET answers').to.deep.equal(shown);
    expect(mine.body.documents).to.be.an('array');
    expect(shown).to.include({ method: 'logistics', chosen: true, started: false, status: null });
    expect(shown.recipient).to.deep.equal(masked);
    // sent back as shown, with a new address: the masked phone stands for the one chosen
    const moved = { ...masked, address: '湖南省长沙市天心区书院路9号' };
    expect((await chooseDelivery('applicant', caseNo, { method: 'logistics', recipient: moved })).status).to.equal(200);
    const stored = (await Case.findOne({ where: { caseNo } }))!.deliveryChoice!;
    expect(stored.recipient).to.deep.equal({ ...recipient(), address: '湖南省长沙市天心区书院路9号' });
    // the staff see the address masked too
    expect((await deliveryOf('clerk', caseNo)).recipient).to.deep.equal({ name: '李四', phone: '139****5678', address: '湖南省长沙市****' });
  });
});

describe('choosing the delivery at submission', () => {
  it('keeps a valid choice with the case, and refuses a bad one with a 422 naming the field, writing nothing', async () => {
    const materials = await completeMaterials('applicant');
    const body = { itemCode: ITEM, applicant: applicant(), form: validForm(), materials };
    const before = await Case.count();
    const bad = await submit('applicant', { ...body, delivery: { method: 'logistics', recipient: { ...recipient(), address: '麓山南路932号某某小区' } } });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['delivery.recipient.address']);
    expect(await Case.count()).to.equal(before);

    const res = await submit('applicant', { ...body, delivery: { method: 'pickup' } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(await deliveryOf('applicant', res.body.caseNo)).to.include({ method: 'pickup', chosen: true, started: false });
  });
});

describe('the API document', () => {
  it('describes the delivery endpoints', async () => {
    const res = await api().get('/api/v1/openapi.json');
    expect(Object.keys(res.body.paths)).to.include.members([
      '/cases/{caseNo}/delivery',
      '/cases/{caseNo}/delivery/handover',
      '/cases/{caseNo}/documents/{id}',
      '/gateways/logistics/callback',
    ]);
    expect(res.body.components.schemas.DeliveryChoice.properties.method.enum).to.deep.equal(['logistics', 'pickup', 'electronic']);
  });
});
