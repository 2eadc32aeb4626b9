import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { eventually } from '../support/eventually.ts';
import { User } from '../../server/auth/user.model.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { DEMO_PASSWORD } from '../../server/auth/demo-accounts.ts';
import { Notification } from '../../server/notifications/notification.model.ts';
import { notify } from '../../server/notifications/index.ts';
import { Case } from '../../server/cases/case.model.ts';
import { sweepDeadlines } from '../../server/cases/deadline-watch.ts';
import { holdersOf } from '../../server/inbox/index.ts';

/**
 * 消息通知 at a city's volume: a person with more than 200 notifications sees exactly how many are
 * unread, reads them a page at a time, marks one read; another person's is not theirs to touch;
 * the texts come in the caller's language. People of our own, so nothing else notifies them.
 */

type Listed = { id: number; kind: string; caseNo: string | null; text: string; read: boolean };
type Page = { total: number; unread: number; limit: number; offset: number; notifications: Listed[] };

let serial = 0;
async function person(departmentCode: string) {
  return User.create({
    username: `notified${Date.now().toString(36)}${serial++}`,
    displayName: '通知测试审核员',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    roles: ['reviewer'],
    departmentCode,
    passwordChangedAt: new Date(),
  });
}

async function list(username: string, query: Record<string, string> = {}, language?: string) {
  const req = api()
    .get('/api/v1/notifications')
    .query(query)
    .set(await auth(username));
  return language ? req.set('Accept-Language', language) : req;
}

async function page(username: string, query: Record<string, string> = {}, language?: string): Promise<Page> {
  const res = await list(username, query, language);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body;
}

async function markRead(username: string, id: number | string, language?: string) {
  const req = api()
    .post(`/api/v1/notifications/${id}/read`)
    .set(await auth(username));
  return language ? req.set('Accept-Language', language) : req;
}

const VOLUME = 230;

describe('消息通知 at volume: exact unread count, server paging, one marked read, in both languages', () => {
  it('counts every unread one past 200, pages newest first, marks one read and refuses another person’s', async () => {
    const me = await person('civil');
    const other = await person('tax');
    for (let i = 1; i <= VOLUME; i++) {
      await notify([me.id], i % 2 ? 'urged' : 'copied', { 'zh-CN': `第 ${i} 条通知`, en: `Notification no. ${i}` }, `VOL-${i}`, null);
    }
    await notify([other.id], 'urged', { 'zh-CN': '他人的通知', en: 'Someone else’s notification' }, null, null);

    // the first page: 20, the newest first, with the exact count of them all
    const first = await page(me.username);
    expect(first).to.include({ total: VOLUME, unread: VOLUME, limit: 20, offset: 0 });
    expect(first.notifications.map((n) => n.text)).to.deep.equal(Array.from({ length: 20 }, (_, i) => `第 ${VOLUME - i} 条通知`));
    expect((await page(me.username, {}, 'en')).notifications[0]!.text).to.equal(`Notification no. ${VOLUME}`);

    // every page in turn: each notification once, newest to oldest
    const seen: Listed[] = [];
    for (let offset = 0; offset < VOLUME; offset += 100) {
      const p = await page(me.username, { limit: '100', offset: String(offset) }, 'en');
      expect(p).to.include({ total: VOLUME, unread: VOLUME, limit: 100, offset });
      seen.push(...p.notifications);
    }
    expect(seen.map((n) => n.text)).to.deep.equal(Array.from({ length: VOLUME }, (_, i) => `Notification no. ${VOLUME - i}`));
    expect(new Set(seen.map((n) => n.id)).size).to.equal(VOLUME);
    expect((await page(me.username, { offset: '220' })).notifications).to.have.length(10);
    expect((await page(me.username, { offset: '400' })).notifications).to.deep.equal([]);

    // bad paging: a 422 that says what is wrong, in both languages
    const bad: Record<string, string>[] = [{ limit: '0' }, { limit: '101' }, { limit: 'ten' }, { offset: '-1' }, { offset: '1.5' }];
    for (const query of bad) {
      const zh = await list(me.username, query);
      expect(zh.status, JSON.stringify(query)).to.equal(422);
      const [name] = Object.keys(query);
      expect(zh.body.error.details[0]).to.include({ field: `query.${name}` });
      expect(zh.body.error.details[0].message).to.match(new RegExp(`^${name}：须为\\d+到\\d+之间的整数$`));
      const en = await list(me.username, query, 'en');
      expect(en.body.error.details[0].message).to.match(new RegExp(`^${name}: must be an integer from \\d+ to \\d+$`));
    }

    // one marked read, on the third page: the count is exact after it, and a second time changes nothing
    const chosen = seen[150]!;
    const marked = await markRead(me.username, chosen.id, 'en');
    expect(marked.status, JSON.stringify(marked.body)).to.equal(200);
    expect(marked.body.unread).to.equal(VOLUME - 1);
    expect(marked.body.notification).to.deep.include({ id: chosen.id, read: true, text: chosen.text });
    const readAt = (await Notification.findByPk(chosen.id))!.readAt;
    expect((await markRead(me.username, chosen.id)).body.unread).to.equal(VOLUME - 1);
    expect((await Notification.findByPk(chosen.id))!.readAt?.toISOString()).to.equal(readAt?.toISOString());
    const third = await page(me.username, { limit: '100', offset: '100' });
    expect(third.unread).to.equal(VOLUME - 1);
    expect(third.notifications.find((n) => n.id === chosen.id)!.read).to.equal(true);
    expect(third.notifications.filter((n) => !n.read)).to.have.length(99);

    // another person's notification: not theirs to touch, and nobody learns it exists
    const mine = seen[10]!;
    for (const language of [undefined, 'en']) {
      const refused = await markRead(other.username, mine.id, language);
      expect(refused.status).to.equal(404);
      expect(refused.body.error).to.deep.equal({
        code: 'notification_not_found',
        message: language ? 'No such notification' : '消息通知不存在',
      });
    }
    for (const id of ['999999999', 'abc', '0']) expect((await markRead(me.username, id)).status, id).to.equal(404);
    expect((await Notification.findByPk(mine.id))!.readAt).to.equal(null);
    const theirs = await page(other.username, {}, 'en');
    expect(theirs).to.include({ total: 1, unread: 1 });
    expect(theirs.notifications[0]!.text).to.equal('Someone else’s notification');
    expect((await page(me.username)).unread).to.equal(VOLUME - 1);

    // a notification recorded before English texts were kept: in Chinese, whatever the language
    await Notification.create({ userId: me.id, kind: 'urged', caseNo: null, taskId: null, text: '早先的通知', textEn: null });
    expect((await page(me.username, { limit: '1' }, 'en')).notifications[0]!.text).to.equal('早先的通知');

    // 全部标为已读 still marks the rest
    const all = await api()
      .post('/api/v1/notifications/read')
      .set(await auth(me.username));
    expect(all.body.read).to.equal(VOLUME);
    expect(await page(me.username, { limit: '1' })).to.include({ total: VOLUME + 1, unread: 0 });
  });

  it('tells of a copy (a task notification) and a 超期预警 in the caller’s language', async () => {
    const me = await person('civil');
    const submitted = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const caseNo = submitted.body.caseNo as string;
    const task = await waitForTask('reviewer', caseNo, 'review');
    const claim = await api()
      .post(`/api/v1/tasks/${task.id}/claim`)
      .set(await auth('reviewer'));
    expect(claim.status, JSON.stringify(claim.body)).to.equal(200);

    const copied = await api()
      .post(`/api/v1/tasks/${task.id}/copy`)
      .set(await auth('reviewer'))
      .send({ to: [me.username] });
    expect(copied.status, JSON.stringify(copied.body)).to.equal(200);
    const [zh] = (await page(me.username)).notifications;
    expect(zh).to.include({ kind: 'copied', caseNo, read: false });
    expect(zh!.text).to.equal(`市场监管局审核员抄送给您：${caseNo} ${task.name}`);
    const [en] = (await page(me.username, {}, 'en')).notifications;
    expect(en!.text).to.equal(`市场监管局审核员 copied a case to you: ${caseNo} ${task.name}`);

    // the case is past its promised time: the holder is told, in either language
    const acceptedAt = new Date(Date.now() - 30 * 86_400_000);
    await Case.update({ acceptedAt, promisedDueAt: new Date(Date.now() - 86_400_000), warnedColour: null, nextWarningAt: new Date(0) }, { where: { caseNo } });
    await sweepDeadlines(testEnv().server.ctx, holdersOf);
    const warning = async (language?: string) =>
      (await page('reviewer', { limit: '100' }, language)).notifications.find((n) => n.kind === 'deadline_red' && n.caseNo === caseNo);
    await eventually('the holder is told', async () => Boolean(await warning()));
    expect((await warning())!.text).to.match(new RegExp(`^办件 ${caseNo} 已超过承诺时限，承诺办结时间 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}（北京时间）$`));
    expect((await warning('en'))!.text).to.match(
      new RegExp(`^Case ${caseNo} is past its promised time: it was promised by \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(Beijing time\\)$`),
    );
  });
});
