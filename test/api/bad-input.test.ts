import { Op } from 'sequelize';
import request from 'supertest';
import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, ITEM, submit, upload, uploadOk, validForm, waitForTask } from '../support/api.ts';
import { engineCall } from '../support/engine.ts';
import { testEnv } from '../support/environment.ts';
import { samplePdf } from '../support/files.ts';
import { Attachment } from '../../server/attachments/attachment.model.ts';
import { Case } from '../../server/cases/case.model.ts';
import { CaseMaterial } from '../../server/cases/case-material.model.ts';
import { TimelineEvent } from '../../server/cases/timeline-event.model.ts';
import { ELicense } from '../../server/e-licenses/e-license.model.ts';
import { Seal } from '../../server/seals/seal.model.ts';

/**
 * Bad input from a client, as an attacker sends it: every answer is a 4xx with the Error body and a
 * message in the caller's language, never a 500 or 502, and nothing is written.
 *
 * Malformed addresses go through plain supertest: they are no path of the API document, so the
 * document's response check (test/support/api.ts) has nothing to match them against.
 */
const raw = () => request(testEnv().url);

type Res = request.Response;

/** The answer is `status` with the Error body, in Chinese by default (a Han character in it). */
function refused(res: Res, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/json/);
  expect(res.body.error.code).to.equal(code);
  expect(res.body.error.message).to.match(/\p{Script=Han}/u);
}

/** The same answer in English (Accept-Language: en): no Chinese in it. */
function refusedInEnglish(res: Res, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.body.error.code).to.equal(code);
  expect(res.body.error.message).to.match(/[a-z]{3}/);
  expect(res.body.error.message).not.to.match(/\p{Script=Han}/u);
}

/** POST /attachments with one PDF part whose Content-Disposition ends in `fileName` (as written, bytes as UTF-8). */
async function multipart(username: string, fileName: string) {
  const body = Buffer.concat([
    Buffer.from(`--XYZ\r\nContent-Disposition: form-data; name="file"; ${fileName}\r\nContent-Type: application/pdf\r\n\r\n`),
    samplePdf('multipart'),
    Buffer.from('\r\n--XYZ--\r\n'),
  ]);
  return api()
    .post('/api/v1/attachments')
    .set(await auth(username))
    .set('Content-Type', 'multipart/form-data; boundary=XYZ')
    .send(body);
}

/** What a submission writes (the sealing of earlier cases' notices, which goes on meanwhile, aside). */
async function written() {
  return [await Case.count(), await CaseMaterial.count(), await TimelineEvent.count({ where: { type: { [Op.ne]: 'result.sealed' } } })];
}

describe('bad input: a 4xx a person understands, never a 500 or 502, and nothing changes', () => {
  describe('the address: malformed %-encoding and control characters are a 400 before any route', () => {
    const addresses: [string, string, RegExp][] = [
      ['a NUL in an item code', '/api/v1/items/ABC%00', /控制字符/],
      ['a control character (ESC) in a path', '/api/v1/items/ABC%1B', /控制字符/],
      ['%FF, no UTF-8 byte, in a path', '/api/v1/items/ABC%FF', /百分号编码/],
      ['a truncated UTF-8 sequence (%E4%B8) in a path', '/api/v1/items/%E4%B8', /百分号编码/],
      ['a % without two hex digits', '/api/v1/items/50%', /百分号编码/],
      ['%FF in the query', '/api/v1/items?q=%FF', /百分号编码/],
      ['a NUL in the query', '/api/v1/items?q=a%00b', /控制字符/],
      ['a NUL in a query name', '/api/v1/e-licenses?type%00=x', /控制字符/],
      ['%FF outside the API (the web app)', '/track/%FF', /百分号编码/],
      ['a NUL in an undeclared path', '/api/v1/no-such/%00', /控制字符/],
    ];
    for (const [what, path, message] of addresses) {
      it(`${what}: ${path}`, async () => {
        const zh = await raw().get(path);
        refused(zh, 400, 'bad_request');
        expect(zh.body.error.message).to.match(message);
        refusedInEnglish(await raw().get(path).set('Accept-Language', 'en'), 400, 'bad_request');
      });
    }

    it('refuses a malformed address before authentication and before the body is read: nothing is written', async () => {
      const before = await written();
      const res = await raw()
        .post('/api/v1/cases/%E4%B8/withdraw')
        .set(await auth('applicant'))
        .send({ reason: '撤回' });
      refused(res, 400, 'bad_request');
      const anonymous = await raw().post('/api/v1/cases').query('x=%00').send({});
      refused(anonymous, 400, 'bad_request');
      expect(await written()).to.deep.equal(before);
    });

    it('a message says what is wrong, in English too', async () => {
      const en = await raw().get('/api/v1/items/ABC%FF').set('Accept-Language', 'en');
      expect(en.body.error.message).to.equal('The address contains a malformed percent-encoding (%) and cannot be read; check the link');
      const control = await raw().get('/api/v1/items/ABC%00').set('Accept-Language', 'en');
      expect(control.body.error.message).to.equal('The address contains a control character (such as NUL or a line break); refused');
    });
  });

  describe("task ids: nothing outside the engine's id alphabet reaches the engine's URL", () => {
    let caseNo: string;
    let taskId: string;
    before(async () => {
      const materials = await completeMaterials('applicant');
      const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      caseNo = res.body.caseNo as string;
      taskId = (await waitForTask('reviewer', caseNo, 'review')).id;
    });

    it('a task id with a slash, a dot segment or a character outside the alphabet is a 400 saying so, and claims nothing', async () => {
      const ids = ['abc%2Fdef', `${taskId}%2F..%2F${taskId}`, '..', '%2E%2E', `${taskId}%3Fx%3D1`, `${taskId}%23`, 'a'.repeat(65), `${taskId}%20`];
      for (const id of ids) {
        const res = await api()
          .post(`/api/v1/tasks/${id}/claim`)
          .set(await auth('reviewer'));
        refused(res, 400, 'bad_request');
        expect(res.body.error.message, id).to.contain('待办任务编号格式不正确');
        expect(res.body.error.details, id).to.deep.include({
          field: 'path.id',
          label: '任务编号',
          message: '任务编号：格式不正确，只能由字母、数字、“-”和“_”组成，最多 64 个字符',
          code: 'task_id_malformed',
        });
      }
      // the id is looked at before the body: a malformed id with a bad body is still the id's 400
      const en = await api()
        .post('/api/v1/tasks/abc%2Fdef/complete')
        .set(await auth('reviewer'))
        .set('Accept-Language', 'en')
        .send({ outcome: 'maybe' });
      refusedInEnglish(en, 400, 'bad_request');
      expect(en.body.error.message).to.equal(
        'The task id in the address is malformed (letters, digits, "-" and "_" only, at most 64 characters); open the task again from the inbox',
      );
      for (const operation of ['form', 'transfer']) {
        const res = await (operation === 'form' ? api().get('/api/v1/tasks/abc%2Fdef/form') : api().post(`/api/v1/tasks/abc%2Fdef/${operation}`).send({})).set(
          await auth('reviewer'),
        );
        refused(res, 400, 'bad_request');
      }
      const task = await engineCall<{ assignee: string | null }>('GET', `/task/${taskId}`);
      expect(task.assignee, 'the real task is still unclaimed').to.equal(null);
    });

    it('a well-formed task id of no task is a 404, as a task of another department is', async () => {
      for (const id of ['no-such-task', '00000000-0000-0000-0000-000000000000', 'a'.repeat(64)]) {
        refused(
          await api()
            .post(`/api/v1/tasks/${id}/claim`)
            .set(await auth('reviewer')),
          404,
          'task_not_found',
        );
      }
      // the fire department's reviewer is told the same of a real task of samr
      refused(
        await api()
          .post(`/api/v1/tasks/${taskId}/claim`)
          .set(await auth('reviewer2')),
        404,
        'task_not_found',
      );
      refusedInEnglish(
        await api()
          .get('/api/v1/tasks/no-such-task/form')
          .set(await auth('reviewer'))
          .set('Accept-Language', 'en'),
        404,
        'task_not_found',
      );
    });
  });

  describe('a NUL in a JSON body or a file name: a 400 naming the field', () => {
    it('an e-license number with a NUL at intake: 400 naming materials.N.eLicenseNumber, no case written', async () => {
      const materials = [
        ...(await completeMaterials('applicant')).filter((m) => m.code !== 'operator-id'),
        { code: 'operator-id', eLicenseNumber: '430102199003071234\u0000' },
      ];
      const before = await written();
      const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
      refused(res, 400, 'bad_request');
      expect(res.body.error.details).to.have.length(1);
      expect(res.body.error.details[0].field).to.equal(`materials.${materials.length - 1}.eLicenseNumber`);
      expect(res.body.error.message).to.contain(`materials.${materials.length - 1}.eLicenseNumber`);
      const en = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials }, { 'Accept-Language': 'en' });
      refusedInEnglish(en, 400, 'bad_request');
      expect(en.body.error.message).to.equal(
        `The request has an error: materials.${materials.length - 1}.eLicenseNumber contains a NUL character; nothing was changed`,
      );
      expect(await written()).to.deep.equal(before);
    });

    it('a NUL in a name, a form field or a key of the body', async () => {
      const materials = await completeMaterials('applicant');
      const before = await written();
      const bodies: [Record<string, unknown>, string][] = [
        [{ itemCode: ITEM, applicant: { ...applicant(), name: '张\u0000三' }, form: validForm(), materials }, 'applicant.name'],
        [{ itemCode: ITEM, applicant: applicant(), form: { ...validForm(), businessScope: '小吃\u0000' }, materials }, 'form.businessScope'],
        [{ itemCode: ITEM, applicant: applicant(), form: { ...validForm(), ['x\u0000']: 1 }, materials }, 'form.x\u2400'],
      ];
      for (const [body, field] of bodies) {
        const res = await submit('applicant', body);
        refused(res, 400, 'bad_request');
        expect(res.body.error.details[0].field).to.equal(field);
      }
      expect(await written()).to.deep.equal(before);
    });

    it('a revocation reason with a NUL: 400, the e-license stays in force', async () => {
      const license = await ELicense.create({
        type: 'business-license',
        number: `NUL-TEST-${Date.now()}`,
        name: '营业执照',
        holderIdNo: '430102199003071234',
        holderName: '张三',
        data: {},
        validFrom: new Date('2020-01-01'),
        validUntil: new Date('2040-01-01'),
      });
      const res = await api()
        .post(`/api/v1/e-licenses/${license.id}/revoke`)
        .set(await auth('admin'))
        .send({ reason: '证照\u0000注销' });
      refused(res, 400, 'bad_request');
      expect(res.body.error.details[0].field).to.equal('reason');
      await license.reload();
      expect(license.revokedAt).to.equal(null);
    });

    it('an upload whose file name has a NUL, a control character or a right-to-left override: 400 naming the file, nothing stored', async () => {
      const before = await Attachment.count();
      // a NUL as it is in the part's header: the parser cannot read the header
      const nul = await upload('applicant', '申请书\u0000.pdf', samplePdf('nul'));
      refused(nul, 400, 'bad_request');
      expect(nul.body.error.details[0].field).to.equal('file');
      expect(nul.body.error.message).to.contain('NUL');
      // percent-encoded in an RFC 5987 file name (filename*): the parser decodes it, the name is refused
      const encoded = await multipart('applicant', `filename*=UTF-8''%E7%94%B3%E8%AF%B7%E4%B9%A6%00.pdf`);
      refused(encoded, 400, 'bad_request');
      expect(encoded.body.error.details[0].field).to.equal('file.name');
      expect(encoded.body.error.message).to.contain('file.name');
      const tab = await multipart('applicant', 'filename="申请书\t.pdf"');
      refused(tab, 400, 'bad_request');
      expect(tab.body.error.details[0].field).to.equal('file.name');
      // "invoice‮gnp.pdf" is shown as "invoicefdp.png"
      const rlo = await upload('applicant', 'invoice\u202Egnp.pdf', samplePdf('rlo'));
      refused(rlo, 400, 'bad_request');
      expect(rlo.body.error.details[0].field).to.equal('file.name');
      const en = await api()
        .post('/api/v1/attachments')
        .set(await auth('applicant'))
        .set('Accept-Language', 'en')
        .attach('file', samplePdf('rlo'), 'invoice\u202Egnp.pdf');
      refusedInEnglish(en, 400, 'bad_request');
      const cut = await api()
        .post('/api/v1/attachments')
        .set(await auth('applicant'))
        .set('Content-Type', 'multipart/form-data; boundary=XYZ')
        .send(Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4'));
      refused(cut, 400, 'bad_request');
      expect(await Attachment.count()).to.equal(before);
    });

    it("a seal's text field with a NUL: 400 naming it, no seal registered", async () => {
      const before = await Seal.count();
      const res = await api()
        .post('/api/v1/seals')
        .set(await auth('admin'))
        .field('departmentCode', 'samr')
        .field('name', '市场监督管理局\u0000专用章');
      refused(res, 400, 'bad_request');
      expect(res.body.error.details[0].field).to.equal('name');
      expect(await Seal.count()).to.equal(before);
    });
  });

  describe("person names: visible letters, nothing invisible or misleading (422, the fields' own rule)", () => {
    let materials: { code: string; attachmentId: string }[];
    before(async () => {
      materials = await completeMaterials('clerk');
    });

    // at the window; 帮办代办 (assisted) where an agent is named
    const windowCase = (overrides: Record<string, unknown>) => ({
      itemCode: ITEM,
      channel: overrides.agent ? 'assisted' : 'window',
      applicant: applicant(),
      form: validForm(),
      materials,
      ...overrides,
    });
    const recipient = (name: string) => ({ method: 'logistics', recipient: { name, phone: '13800138000', address: '湖南省长沙市芙蓉区五一大道100号' } });

    const bad: [string, Record<string, unknown>, string][] = [
      ['an applicant name of zero-width spaces only', { applicant: { ...applicant(), name: '\u200B\u200B' } }, 'applicant.name'],
      ['an applicant name with a zero-width joiner', { applicant: { ...applicant(), name: '张\u200D三' } }, 'applicant.name'],
      ['an applicant name with a right-to-left override', { applicant: { ...applicant(), name: '张三\u202E公司' } }, 'applicant.name'],
      ['an applicant name with a byte order mark', { applicant: { ...applicant(), name: '\uFEFF张三' } }, 'applicant.name'],
      ['an applicant name with a line break', { applicant: { ...applicant(), name: '张三\n李四' } }, 'applicant.name'],
      ['an applicant name with no letter', { applicant: { ...applicant(), name: '123-456' } }, 'applicant.name'],
      ['an agent name in a bidi isolate', { agent: { name: '\u2066李四\u2069', idNo: '11010519491231002X', phone: '13900139000' } }, 'agent.name'],
      ['an agent name with a word joiner', { agent: { name: '李\u2060四', idNo: '11010519491231002X', phone: '13900139000' } }, 'agent.name'],
      ["a recipient's name of a zero-width non-joiner", { delivery: recipient('\u200C') }, 'delivery.recipient.name'],
      ["a recipient's name with a left-to-right embedding", { delivery: recipient('王\u202A五') }, 'delivery.recipient.name'],
    ];
    for (const [what, overrides, field] of bad) {
      it(`refuses ${what} (${field}), in both languages, and writes nothing`, async () => {
        const before = await written();
        const zh = await submit('clerk', windowCase(overrides));
        refused(zh, 422, 'validation_failed');
        const problem = (zh.body.error.details as { field: string; message: string }[]).find((d) => d.field === field);
        expect(problem, JSON.stringify(zh.body)).to.exist;
        expect(problem!.message).to.contain('应为姓名或名称');
        const en = await submit('clerk', windowCase(overrides), { 'Accept-Language': 'en' });
        refusedInEnglish(en, 422, 'validation_failed');
        const problemEn = (en.body.error.details as { field: string; message: string }[]).find((d) => d.field === field);
        expect(problemEn!.message).to.contain('must be a name: at least one letter');
        expect(await written()).to.deep.equal(before);
      });
    }

    it('accepts the rare characters of CJK Extensions B–G: 𪚥 (U+2A6A5), 𠀀 (U+20000), 𰀀 (U+30000)', async () => {
      const res = await submit(
        'clerk',
        windowCase({
          applicant: { ...applicant(), name: '张𪚥' },
          agent: { name: '𠀀明', idNo: '11010519491231002X', phone: '13900139000', relationship: 'family' },
          delivery: recipient('李𰀀'),
          // an agent hands in the authorisation (授权委托书)
          materials: [...materials, { code: 'agent-authorization', attachmentId: await uploadOk('clerk', '授权委托书.pdf', samplePdf('授权委托书')) }],
        }),
      );
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const stored = await Case.findOne({ where: { caseNo: res.body.caseNo as string } });
      expect(stored!.applicantName).to.equal('张𪚥');
      // accepted and waiting for review: its timeline is still when the next test file counts rows
      await waitForTask('reviewer', res.body.caseNo as string, 'review');
    });
  });
});
