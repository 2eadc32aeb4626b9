import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { caseByNo, updateCase } from '../../server/cases/index.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

const ARRANGEMENT_2027 = [
  { day: '2027-01-01', kind: 'holiday', name: '元旦' },
  { day: '2027-01-02', kind: 'holiday', name: '元旦' },
  { day: '2027-01-03', kind: 'holiday', name: '元旦' },
  { day: '2027-01-04', kind: 'holiday', name: '元旦' },
  { day: '2027-01-09', kind: 'workday', name: '元旦' },
];

describe('a due date counted on estimated holidays, on the case pages (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  it("staff and the applicant read that it is counted on the statutory holidays (zh-CN, then English), until the year's arrangement is imported", async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    await waitForStatus('applicant', caseNo, 'accepted');
    // accepted on 30 December 2026 with two working days: they count 元旦 2027, a year of estimated holidays
    const acceptedAt = '2026-12-30T10:00:00+08:00';
    const due = async (days: number) =>
      (await api().get(`/api/v1/calendar/due?from=${encodeURIComponent(acceptedAt)}&workingDays=${days}`)).body as { due: string; provisional: boolean };
    const [promised, statutory] = [await due(2), await due(3)];
    expect(promised.provisional).to.equal(true);
    await updateCase((await caseByNo(caseNo))!, {
      acceptedAt: new Date(acceptedAt),
      promisedDueAt: new Date(promised.due),
      statutoryDueAt: new Date(statutory.due),
    });

    const staff = await open();
    await signIn(staff.page, 'reviewer');
    await staff.page.goto(`/cases/${caseNo}`);
    const notes = staff.page.locator('[data-test=due-provisional]');
    await notes.first().waitFor();
    expect(await notes.allTextContents(), 'beside the promised and the statutory due dates').to.deep.equal([
      '（按法定节假日推算，以国务院公布为准）',
      '（按法定节假日推算，以国务院公布为准）',
    ]);
    expect(await notes.first().getAttribute('title')).to.match(/^本期限经过的年份尚无国务院放假安排/);
    expect(await staff.page.locator('.deadline .due').first().textContent()).to.equal('2027/01/04');
    await screenshot(staff.page, 'case-due-provisional-staff');
    await language(staff.page, 'English');
    await notes.first().filter({ hasText: "Counted on the statutory holidays; the State Council's arrangement prevails" }).waitFor();

    const mine = await open();
    await signIn(mine.page, 'applicant', '/my', null);
    await mine.page.goto(`/my/cases/${caseNo}`);
    const line = mine.page.locator('[data-test=case-due]');
    await line.waitFor();
    expect((await line.textContent())?.trim()).to.equal('承诺办结时间：2027/01/04（按法定节假日推算，以国务院公布为准）');
    await screenshot(mine.page, 'case-due-provisional-applicant');
    await language(mine.page, 'English');
    await line.filter({ hasText: "(Counted on the statutory holidays; the State Council's arrangement prevails)" }).waitFor();

    // the State Council's arrangement imported: the due date moves and is no longer estimated (the pages in English now: month/day/year)
    const admin = await auth('admin');
    expect((await api().post('/api/v1/calendar/arrangements').set(admin).send({ year: 2027, days: ARRANGEMENT_2027 })).status).to.equal(200);
    try {
      await mine.page.reload();
      await line.filter({ hasText: 'Promised by: 01/05/2027' }).waitFor();
      expect(await mine.page.locator('[data-test=due-provisional]').count()).to.equal(0);
      await staff.page.reload();
      await staff.page.locator('.deadline .due', { hasText: '01/05/2027' }).waitFor();
      expect(await notes.count()).to.equal(0);
    } finally {
      expect((await api().delete('/api/v1/calendar/arrangements/2027').set(admin)).status).to.equal(204);
    }
  });
});
