// test-plan: one-profile — tesseract reading generated images; what it writes (one audit row) is written as every other audit row, which the files on both profiles cover
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { api, auth } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { CHROMIUM } from '../browser/support/browser.ts';
import {
  COMPANY,
  documentImage,
  formHtml,
  idCardHtml,
  licenceHtml,
  PERSON,
  VALID_CREDIT_CODE,
  VALID_ID_NUMBER,
  WRONG_CREDIT_CODE,
  WRONG_ID_NUMBER,
} from '../support/recognition-images.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { Attachment } from '../../server/attachments/attachment.model.ts';
import { fillsFor, type FormSchema } from '../../contract/recognition/form-matching.ts';
import type { Recognition, RecognisedField } from '../../contract/recognition/documents.ts';
import { samplePdf, samplePng } from '../support/files.ts';
import { expectsPersonalData } from '../support/personal-data-scan.ts';

const recognise = async (username: string, kind: string | undefined, image: Buffer | undefined, name = 'photo.jpg', language = 'zh-CN') => {
  // the person's own document, read back to them in full to fill their form
  const req = expectsPersonalData(
    api()
      .post('/api/v1/recognition')
      .set(await auth(username))
      .set('Accept-Language', language),
  );
  if (kind !== undefined) req.field('kind', kind);
  if (image) req.attach('image', image, name);
  return req;
};
const fieldsOf = (body: Recognition) => Object.fromEntries(body.fields.map((f) => [f.key, f])) as Record<string, RecognisedField>;

/** Every file under the data folder written since `since` (the databases, the stores, the logs). */
function filesWrittenSince(dir: string, since: number): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => statSync(path).mtimeMs >= since);
}

describe('智能识别填单: POST /recognition reads generated photos and scans with Debian’s tesseract', function () {
  this.timeout(120_000);
  let browser: Browser;
  const images: Record<string, Buffer> = {};

  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    images.card = await documentImage(browser, idCardHtml(PERSON));
    images.cardTurned = await documentImage(browser, idCardHtml(PERSON), { degrees: 90, noise: true, type: 'jpeg' });
    images.cardWrong = await documentImage(browser, idCardHtml({ ...PERSON, idNumber: WRONG_ID_NUMBER }), { degrees: 180 });
    images.licence = await documentImage(browser, licenceHtml(COMPANY), { degrees: -3, noise: true, type: 'jpeg' });
    images.licenceWrong = await documentImage(browser, licenceHtml({ ...COMPANY, creditCode: WRONG_CREDIT_CODE }));
    images.form = await documentImage(
      browser,
      formHtml('高龄津贴申请表', [
        ['老年人姓名', '赵德明'],
        ['老年人身份证号码', VALID_ID_NUMBER],
      ]),
    );
    images.noteTurned = await documentImage(browser, formHtml('', [['老年人姓名', '赵德明']]), { degrees: 90 });
  });
  after(() => browser?.close());

  it('is documented', async () => {
    const res = await api().get('/api/v1/openapi.json');
    expect(res.body.paths['/recognition'].post.requestBody.content).to.have.property('multipart/form-data');
  });

  it('reads an identity card photographed upright: every field, the number checked; keeps nothing of it, audits who and what kind', async () => {
    const attachments = await Attachment.count();
    const started = Date.now();
    const res = await recognise('applicant', 'id_card', images.card, 'card.png');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const f = fieldsOf(res.body);
    expect(f.name).to.include({ status: 'recognised', value: PERSON.name });
    expect(f.sex).to.include({ value: 'male' });
    expect(f.ethnicity).to.include({ value: '汉' });
    expect(f.birthDate).to.include({ value: '1990-03-07' });
    expect(f.address!.value).to.match(/^湖南省长沙市天心区人民中路100号$/);
    expect(f.idNumber).to.include({ status: 'recognised', value: VALID_ID_NUMBER });
    expect(f.idNumber!.confidence).to.be.within(50, 100);
    expect(res.body).to.include({ kind: 'id_card', turnedDegrees: 0 });

    // nothing of the image anywhere: no upload row, no file of the data folder holding its bytes
    expect(await Attachment.count()).to.equal(attachments);
    const sample = images.card!.subarray(200, 264);
    for (const path of filesWrittenSince(testEnv().config.dataDir, started)) expect(readFileSync(path).includes(sample), path).to.equal(false);
    const entry = await AuditEvent.findOne({ where: { action: 'recognition.performed' }, order: [['id', 'DESC']] });
    expect(entry).to.include({ actor: 'applicant', target: 'id_card', outcome: 'success' });
    const detail = JSON.parse(entry!.detail) as Record<string, unknown>;
    expect(detail).to.include({ kind: 'id_card', recognised: 6, checkFailed: 0 });
    expect(entry!.detail).not.to.contain(PERSON.name).and.not.to.contain(VALID_ID_NUMBER.slice(6));
  });

  it('turns a card photographed sideways with grain upright (a clerk at the window)', async () => {
    const res = await recognise('clerk', 'id_card', images.cardTurned);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    // orientation found on the grey image with a local threshold: with tesseract's global one the grain leaves it too few characters
    expect(res.body.turnedDegrees).to.equal(270);
    const f = fieldsOf(res.body);
    expect(f.idNumber).to.include({ status: 'recognised', value: VALID_ID_NUMBER });
    expect(f.name).to.include({ value: PERSON.name });
    expect(f.birthDate).to.include({ value: '1990-03-07' });
  });

  it('offers a number with a wrong check character (upside down) as not recognised, with the reason in both languages', async () => {
    const res = await recognise('applicant', 'id_card', images.cardWrong, 'card.png');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.turnedDegrees).to.equal(180);
    const f = fieldsOf(res.body);
    expect(f.idNumber).to.include({ status: 'check_failed', value: null, text: WRONG_ID_NUMBER });
    expect(f.idNumber!.problem).to.deep.equal({
      'zh-CN': '校验码不符（GB 11643）：按前 17 位应为 5，图片上识别为 2，请核对号码',
      en: 'The check character is wrong (GB 11643): the first 17 digits call for 5, the image reads 2; please check the number',
    });
    const entry = await AuditEvent.findOne({ where: { action: 'recognition.performed' }, order: [['id', 'DESC']] });
    expect(JSON.parse(entry!.detail)).to.include({ checkFailed: 1 });
  });

  it('reads a business licence turned a few degrees with grain, and fills the fields of the item applied for from the catalog', async () => {
    const res = await recognise('applicant', 'business_licence', images.licence);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const f = fieldsOf(res.body);
    expect(f.creditCode).to.include({ status: 'recognised', value: VALID_CREDIT_CODE });
    expect(f.companyName).to.include({ value: COMPANY.name });
    expect(f.establishedDate).to.include({ value: '2019-05-20' });
    expect(f.premises!.value).to.match(/^湖南省长沙市天心区人民中路100/);
    const item = (await api().get('/api/v1/items/SCJG-KB-001')).body as { formSchema: FormSchema };
    const fills = Object.fromEntries(fillsFor(item.formSchema, res.body.fields).map((x) => [x.field, x.value]));
    expect(fills).to.include({ companyName: COMPANY.name, creditCode: VALID_CREDIT_CODE });
  });

  it('offers a credit code with a wrong check character as not recognised', async () => {
    const res = await recognise('clerk', 'business_licence', images.licenceWrong, 'scan.png');
    const f = fieldsOf(res.body);
    expect(f.creditCode).to.include({ status: 'check_failed', value: null });
    expect(f.creditCode!.problem!['zh-CN']).to.equal('校验码不符（GB 32100）：按前 17 位应为 4，图片上识别为 0，请核对代码');
    expect(f.companyName).to.include({ value: COMPANY.name });
  });

  it('reads a filled-in form’s 栏目：内容 lines; they fill the fields titled so', async () => {
    const res = await recognise('applicant', 'form', images.form, 'form.png');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const item = (await api().get('/api/v1/items/MZ-GL-001')).body as { formSchema: FormSchema };
    expect(Object.fromEntries(fillsFor(item.formSchema, res.body.fields).map((x) => [x.field, x.value]))).to.deep.equal({
      elderName: '赵德明',
      elderIdNo: VALID_ID_NUMBER,
    });
  });

  it('reads a sheet with too little text for the orientation detection each way round, keeping the way that reads', async () => {
    const res = await recognise('clerk', 'form', images.noteTurned, 'note.png');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.turnedDegrees).to.equal(270);
    expect(res.body.fields.map((f: RecognisedField) => [f.label, f.text])).to.deep.equal([['老年人姓名', '赵德明']]);
  });

  it('refuses what it cannot read in words, in the caller’s language, keeping and auditing nothing', async () => {
    const attachments = await Attachment.count();
    const audited = await AuditEvent.count({ where: { action: 'recognition.performed' } });

    const text = await recognise('applicant', 'id_card', Buffer.from('not an image at all'), 'card.jpg');
    expect(text.status).to.equal(415);
    expect(text.body.error.message).to.equal('这不是图片：请上传证照的照片或扫描图片（JPG、PNG）');
    const pdf = await recognise('applicant', 'id_card', samplePdf('身份证'), 'card.pdf', 'en');
    expect(pdf.status).to.equal(415);
    expect(pdf.body.error.message).to.equal('A PDF cannot be recognised: upload a photo or scan of the document (JPG, PNG)');

    const unknown = await recognise('applicant', 'passport', images.card, 'card.png', 'en');
    expect(unknown.status).to.equal(422);
    expect(unknown.body.error.details[0]).to.include({ field: 'kind' });
    expect(unknown.body.error.details[0].message).to.match(/^kind: choose what the image is \(id_card: Resident identity card/);
    expect((await recognise('applicant', undefined, images.card, 'card.png')).status).to.equal(422);

    const none = await recognise('applicant', 'id_card', undefined);
    expect(none.status).to.equal(400);
    expect(none.body.error.message).to.equal('没有收到图片：请拍照或选择证照的扫描图片');

    const misnamed = await expectsPersonalData(
      api()
        .post('/api/v1/recognition')
        .set(await auth('applicant')),
    )
      .field('kind', 'id_card')
      .attach('file', images.card!, 'card.png');
    expect(misnamed.status).to.equal(400);
    expect(misnamed.body.error.message).to.equal('上传格式不正确：请发送证照类型 kind 和一个名为 image 的图片（LIMIT_UNEXPECTED_FILE），未保存任何内容');

    const big = await recognise('applicant', 'id_card', Buffer.concat([images.card!, Buffer.alloc(13 * 1024 * 1024)]), 'big.png');
    expect(big.status).to.equal(413);
    expect(big.body.error.message).to.equal('图片超过 12 MB，请缩小后再上传，未保存任何内容');

    // a few bytes that claim 100,000 × 80,000 pixels are refused before anything is decoded
    const claim = Buffer.from(images.card!);
    claim.writeUInt32BE(100_000, 16);
    claim.writeUInt32BE(80_000, 20);
    const huge = await recognise('applicant', 'id_card', claim, 'huge.png', 'en');
    expect(huge.status).to.equal(413);
    expect(huge.body.error.message).to.equal('The image has too many pixels (8000.0 megapixels, at most 50.0): scale it down and upload it again');

    const tiny = await recognise('applicant', 'id_card', samplePng(), 'tiny.png');
    expect(tiny.status).to.equal(422);
    expect(tiny.body.error.message).to.match(/^图片太小（\d+×\d+ 像素），无法识别/);

    const damaged = Buffer.from(images.card!.subarray(0, 2000));
    expect((await recognise('applicant', 'id_card', damaged, 'cut.png')).status).to.equal(400);

    expect((await recognise('reviewer', 'id_card', images.card, 'card.png')).status, 'a reviewer has no form to fill').to.equal(403);
    expect((await api().post('/api/v1/recognition').field('kind', 'id_card')).status).to.equal(401);

    expect(await Attachment.count()).to.equal(attachments);
    expect(await AuditEvent.count({ where: { action: 'recognition.performed' } })).to.equal(audited);
  });
});
