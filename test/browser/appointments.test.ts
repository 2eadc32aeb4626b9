import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, auth } from '../support/api.ts';
import { ITEM } from '../support/case-data.ts';
import { samplePdf, samplePng } from '../support/files.ts';
import { shanghaiDay } from '../../server/calendar/index.ts';
import { Appointment } from '../../server/appointments/appointment.model.ts';
import { browserSuite, DESKTOP, horizontalOverflow, PHONE, screenshot, signIn } from './support/browser.ts';
import { pickOption } from './support/select.ts';
import { language } from './support/language.ts';

/** 在线预约 in a browser: booking → the prepared application → the kiosk's check-in → the call → the case at the window. */
const stamp = Date.now().toString(36).slice(-5);
/** a district of the demo city only this file makes (the API test takes 430140–430149): its overrides touch nobody else */
const district = `43013${Date.now() % 10}`;
const hallName = `预约大厅${stamp}`;

const admin = async () => auth('admin');
const tomorrowOf = (day: string) => shanghaiDay(new Date(Date.parse(`${day}T12:00:00+08:00`) + 86_400_000));

async function upload(page: Page, code: string, pdf: boolean) {
  const file = pdf
    ? { name: `${code}.pdf`, mimeType: 'application/pdf', buffer: samplePdf(code) }
    : { name: `${code}.png`, mimeType: 'image/png', buffer: samplePng() };
  await page.locator(`[data-test=upload-${code}]`).setInputFiles(file);
  await page.locator(`[data-material="${code}"][data-given=file]`).waitFor();
}

describe('在线预约 in a browser (chromium): book and prepare on a phone, check in at the kiosk, called, the case taken at the window', function () {
  this.timeout(180_000);
  const { open } = browserSuite();
  let hallId: number;
  const days: string[] = [];

  before(async () => {
    const region = await api()
      .post('/api/v1/regions')
      .set(await admin())
      .send({ code: district, nameZh: '预约浏览器测试区', nameEn: 'Booking Browser District', parentCode: '430100' });
    expect([201, 409]).to.include(region.status);
    const hall = await api()
      .post('/api/v1/halls')
      .set(await admin())
      .send({
        regionCode: district,
        nameZh: hallName,
        nameEn: `Booking hall ${stamp}`,
        address: '测试路 21 号',
        openingPeriods: [{ from: '00:00', to: '24:00' }],
      });
    expect(hall.status, JSON.stringify(hall.body)).to.equal(201);
    hallId = hall.body.id;
    await api()
      .post(`/api/v1/halls/${hallId}/windows`)
      .set(await admin())
      .send({ number: '01', kind: 'general' });
    // today (and tomorrow, for a run just before midnight) are working days there, whatever day the suite runs
    const today = shanghaiDay(new Date());
    for (const day of [today, tomorrowOf(today)]) {
      await api()
        .put(`/api/v1/calendar/overrides/${day}`)
        .set(await admin())
        .send({ kind: 'workday', name: '预约测试', region: district });
      days.push(day);
    }
  });

  after(async () => {
    for (const day of days)
      await api()
        .delete(`/api/v1/calendar/overrides/${day}`)
        .query({ region: district })
        .set(await admin());
    await Appointment.destroy({ where: { hallId } });
  });

  it('张三 books the next half hour and prepares the application on a phone; the kiosk checks him in; the clerk calls, serves and takes the case with the prepared form and files (中文, English)', async () => {
    // the applicant, on a phone: the item's guide → 预约 → the hall, today's next slot
    const phone = (await open(PHONE)).page;
    await signIn(phone, 'applicant', '/my', null);
    await phone.goto(`/guide/item/${ITEM}`);
    await phone.locator('[data-test=book]').click();
    await phone.waitForURL(`**/appointments/new/item/${ITEM}`);
    await pickOption(phone, phone.locator('[data-test=booking-hall]'), hallName);
    await phone.locator(`[data-test=booking-page][data-hall="${hallId}"]`).waitFor();
    const firstSlot = phone.locator('[data-test^=booking-slot-]:not([disabled])').first();
    await firstSlot.waitFor();
    await firstSlot.click();
    expect(await horizontalOverflow(phone), 'the booking page fits a phone').to.equal(0);
    await screenshot(phone, 'appointments-book-phone');
    await phone.locator('[data-test=booking-submit]').click();
    await phone.waitForURL('**/appointments?booked=*');
    const code = new URL(phone.url()).searchParams.get('booked')!;
    const card = phone.locator(`[data-test=booking-${code}]`);
    await card.locator('[data-test=booking-code]', { hasText: code }).waitFor();
    expect(await card.getAttribute('data-status')).to.equal('booked');
    expect(await card.locator('[data-test=booking-prepared]').textContent()).to.contain('未预填');

    // prepared: the form and the two materials, uploaded as online
    await card.locator('[data-test=booking-prepare]').click();
    const form = phone.locator('[data-test=prepare-form]');
    await form.waitFor();
    for (const [field, value] of Object.entries({
      businessName: '张三预约小吃店',
      operatorName: '张三',
      operatorIdNo: '430102199003071234',
      operatorPhone: '13800138000',
      businessScope: '小吃服务',
      premisesAddress: '长沙市芙蓉区五一大道100号',
      employees: '2',
    }))
      await form.locator(`#prepare-${field}`).fill(value);
    await pickOption(phone, form.locator('[data-field=organizationForm] .el-select'), '个人经营');
    await upload(phone, 'operator-id', false);
    await upload(phone, 'premises-proof', true);
    await phone.locator('[data-test=prepare-save]').click();
    await phone.locator('[data-test=prepare-page][data-prepared=true]').waitFor();
    expect(await horizontalOverflow(phone), 'the prepare page fits a phone').to.equal(0);
    await screenshot(phone, 'appointments-prepared-phone');

    // my bookings in English and 大字模式: the booking prepared
    await phone.locator('[data-test=prepare-back]').click();
    await language(phone, 'English');
    await phone.locator('[data-test=large-text]').click();
    await card.locator('[data-test=booking-prepared]', { hasText: 'Application prepared' }).waitFor();
    expect(await phone.locator('h1').textContent()).to.equal('My bookings');
    expect(await horizontalOverflow(phone), 'my bookings fit a phone in large text').to.equal(0);
    await screenshot(phone, 'appointments-mine-en-large');

    // at the hall's kiosk: 我有预约 → the code (typed in lower case) → a ticket
    const kioskTab = await open(PHONE);
    const kiosk = kioskTab.page;
    await kiosk.goto(`/hall/${hallId}/kiosk`);
    await kiosk.locator('[data-test=kiosk-booking-open]').click();
    await kiosk.locator('#kiosk-booking-code').fill(code.toLowerCase());
    await kiosk.locator('[data-test=kiosk-booking-check-in]').click();
    const slip = kiosk.locator('[data-test=kiosk-booking-slip]');
    await slip.waitFor();
    const number = (await slip.getAttribute('data-number'))!;
    expect(number).to.match(/^A\d{3}$/);
    expect(await slip.textContent()).to.contain('签到成功：个体工商户设立登记');
    await screenshot(kiosk, 'appointments-kiosk-checked-in');
    // the same code again: refused, saying when and which ticket
    await kiosk.locator('[data-test=kiosk-booking-again]').click();
    await kiosk.locator('[data-test=kiosk-booking-open]').click();
    await kiosk.locator('#kiosk-booking-code').fill(code);
    await kiosk.locator('[data-test=kiosk-booking-check-in]').click();
    await kiosk.locator('.el-form-item__error', { hasText: `（排队号 ${number}）` }).waitFor();
    // that refusal is the one error the kiosk's console may show
    const refused = kioskTab.errors.findIndex((e) => e.includes('409 (Conflict)'));
    expect(refused).to.be.at.least(0);
    kioskTab.errors.splice(refused, 1);

    // the clerk: 今日预约 shows it checked in and prepared; the calling panel calls and serves it
    const clerk = (await open(DESKTOP)).page;
    await signIn(clerk, 'clerk');
    await clerk.locator('[data-test=nav-appointments]').click();
    await pickOption(clerk, clerk.locator('[data-test=today-hall]'), hallName);
    const row = clerk.locator(`[data-test=today-${code}][data-status=checked_in]`);
    await row.waitFor();
    expect(await row.textContent())
      .to.contain('张三')
      .and.contain('已预填申请')
      .and.contain(`排队号 ${number}`);
    await screenshot(clerk, 'appointments-today');
    await clerk.locator('[data-test=nav-queue]').click();
    await clerk.waitForURL('**/queue');
    await pickOption(clerk, clerk.locator('[data-test=queue-window]'), `${hallName} · 01`, { exact: false });
    await clerk.locator(`[data-test=queue-waiting] li[data-number=${number}]`).waitFor();
    await clerk.locator('[data-test=queue-call-next]').click();
    await clerk.locator(`[data-test=queue-current][data-number=${number}][data-status=called]`).waitFor();
    await clerk.locator('[data-test=queue-serve]').click();
    await clerk.locator('[data-test=queue-current][data-status=serving]').waitFor();
    await clerk.locator('[data-test=queue-intake]').click();
    await clerk.waitForURL('**/window?ticket=*');

    // the window opens with the prepared application: the applicant, the form, both files received
    await clerk.locator('[data-test=window-booking][data-prepared=true]', { hasText: `预约 ${code}` }).waitFor();
    const materials = clerk.locator('[data-test=materials]');
    await materials.locator('li[data-material=operator-id][data-given=file]').waitFor();
    await materials.locator('li[data-material=premises-proof][data-given=file]').waitFor();
    expect(await clerk.locator('#intake-businessName').inputValue()).to.equal('张三预约小吃店');
    const valueOf = (test: string) => clerk.locator(`input[data-test=${test}], [data-test=${test}] input`).first().inputValue();
    expect(await valueOf('applicant-name')).to.equal('张三');
    expect(await valueOf('applicant-idNo')).to.equal('430102199003071234');
    expect(await clerk.locator('[data-test=missing]').count()).to.equal(0);
    await screenshot(clerk, 'appointments-window-prepared');
    await clerk.locator('[data-test=submit]').click();
    await clerk.locator('[data-test=receipt]').waitFor({ timeout: 30_000 });
    const caseNo = (await clerk.locator('[data-test=receipt-case-no]').textContent())!.trim();
    // the ticket shows the case it became
    await clerk.locator('[data-test=window-ticket]', { hasText: caseNo }).waitFor();
    await screenshot(clerk, 'appointments-window-receipt');
    const ticketCase = await api()
      .get(`/api/v1/cases/${caseNo}`)
      .set(await auth('clerk'));
    expect(ticketCase.status).to.equal(200);
    expect(ticketCase.body.channel).to.equal('window');
  });
});
