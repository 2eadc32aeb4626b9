import { expect } from 'chai';
import { api, auth, ITEM } from '../support/api.ts';
import { agentApplicant } from '../support/agent.ts';
import { listen, within, type Listening } from '../support/sockets.ts';
import { HelpRequest } from '../../server/online-help/online-help.model.ts';
import { shanghaiDay } from '../../server/calendar/index.ts';

/**
 * 线上帮办 (issue 21 part 4) on the real server and database: an applicant asks for help on the
 * application of an item; the centre's helpers see it in their queue, the first to join takes it (the
 * second is told who and when); the conversation goes both ways over socket.io as the pages hear it
 * and is stored; the helper sees the form as it is filled (personal data masked); filling a field
 * needs the applicant's consent, which they give and withdraw; closing, the rating, the figures
 * (响应率、解决率、满意度) and who may do what.
 */

type Event = {
  type: string;
  requestId: number;
  entry?: { kind: string; text: string | null; field: string | null; value: unknown };
  form?: Record<string, unknown>;
};
const YUELU = '430104';
const url = (id: number, tail = '') => `/api/v1/online-help/requests/${id}${tail}`;

describe('线上帮办 (online help)', function () {
  this.timeout(60_000);
  let id: number;
  let winner: string;
  let loser: string;
  let applicantSocket: Listening<Event>;
  let helperSocket: Listening<Event>;
  let lisi: string;

  before(async () => {
    lisi = await agentApplicant();
    applicantSocket = await listen<Event>('applicant', 'online-help');
  });
  after(() => {
    applicantSocket?.close();
    helperSocket?.close();
  });

  it('an applicant asks for help on an item; asking again answers the open request; bad asks are 422 in words', async () => {
    const queueSocket = await listen<Event>('clerk', 'online-help');
    try {
      const asked = await api()
        .post('/api/v1/online-help/requests')
        .set(await auth('applicant'))
        .send({ itemCode: ITEM, regionCode: YUELU, question: '经营场所地址怎么填？' });
      expect(asked.status).to.equal(201);
      expect(asked.body).to.include({ status: 'waiting', itemCode: ITEM, regionCode: YUELU, applicantName: '张三', consent: false });
      id = asked.body.id as number;
      expect(await within(5000, () => queueSocket.received.some((e) => e.type === 'queue' && e.requestId === id)), 'the helpers’ queue hears of it').to.equal(
        true,
      );
    } finally {
      queueSocket.close();
    }
    const again = await api()
      .post('/api/v1/online-help/requests')
      .set(await auth('applicant'))
      .send({ itemCode: ITEM, regionCode: YUELU });
    expect(again.status).to.equal(200);
    expect(again.body.id).to.equal(id);

    const neither = await api()
      .post('/api/v1/online-help/requests')
      .set({ ...(await auth('applicant')), 'Accept-Language': 'en' })
      .send({ question: 'help' });
    expect(neither.status).to.equal(422);
    expect(neither.body.error.details[0].message).to.match(/name the item or the bundle/);
    const unknown = await api()
      .post('/api/v1/online-help/requests')
      .set(await auth('applicant'))
      .send({ itemCode: 'NO-SUCH-ITEM' });
    expect(unknown.status).to.equal(422);
    expect(unknown.body.error.details[0].message).to.include('没有事项 NO-SUCH-ITEM');

    // a 一件事: the merged form of its items, the platform's own centre answers it (no region named)
    const bundle = await api()
      .post('/api/v1/online-help/requests')
      .set(await auth('applicant'))
      .send({ bundleCode: 'KBCYD' });
    expect(bundle.status).to.equal(201);
    expect(bundle.body).to.include({ bundleCode: 'KBCYD', subjectName: '开办餐饮店', regionCode: '430100' });
    const merged = await api()
      .get(url(bundle.body.id as number))
      .set(await auth('clerk'));
    expect(merged.body.fields.map((f: { name: string }) => f.name)).to.include.members(['businessName', 'premisesArea']);
    expect(
      (
        await api()
          .get(url(bundle.body.id as number))
          .set(await auth('clerk-yuelu'))
      ).status,
      'not the district’s to answer',
    ).to.equal(404);
    expect(
      (
        await api()
          .post(url(bundle.body.id as number, '/close'))
          .set(await auth('applicant'))
          .send({ resolved: false })
      ).body.closedBy,
    ).to.equal('applicant');
    // closed, it no longer answers an ask; two asks at the same moment (two tabs) open one request between them
    const headers = await auth('applicant');
    const twice = await Promise.all([0, 1].map(() => api().post('/api/v1/online-help/requests').set(headers).send({ bundleCode: 'KBCYD' })));
    expect(twice.map((r) => r.status).sort()).to.deep.equal([200, 201]);
    expect(twice[0]!.body.id).to.equal(twice[1]!.body.id).and.not.equal(bundle.body.id);
    await api()
      .post(url(twice[0]!.body.id as number, '/close'))
      .set(headers)
      .send({ resolved: false });

    const notified = await api()
      .get('/api/v1/notifications')
      .set(await auth('clerk-yuelu'));
    expect(notified.body.notifications.some((n: { kind: string; text: string }) => n.kind === 'online_help' && n.text.includes('张三'))).to.equal(true);
    const queue = await api()
      .get('/api/v1/online-help/requests')
      .set(await auth('clerk-yuelu'));
    expect(queue.status).to.equal(200);
    expect(queue.body.waiting.map((r: { id: number }) => r.id)).to.include(id);
    const station = await api()
      .get('/api/v1/online-help/requests')
      .set(await auth('clerk-station'));
    expect(
      station.body.waiting.map((r: { id: number }) => r.id),
      'a community station does not answer the district',
    ).to.not.include(id);
  });

  it('strangers: another applicant 404, staff of another department 403, a helper of another centre 404', async () => {
    expect(
      (
        await api()
          .get(url(id))
          .set(await auth(lisi))
      ).status,
    ).to.equal(404);
    expect(
      (
        await api()
          .post(url(id, '/messages'))
          .set(await auth(lisi))
          .send({ text: '你好' })
      ).status,
    ).to.equal(404);
    expect(
      (
        await api()
          .get(url(id))
          .set(await auth('reviewer'))
      ).status,
    ).to.equal(403);
    expect(
      (
        await api()
          .post(url(id, '/join'))
          .set(await auth('clerk-station'))
      ).status,
    ).to.equal(404);
    expect((await api().get(url(999_999))).status).to.equal(401);
  });

  it('two helpers join at once: one takes it, the other is told who joined and when (409)', async () => {
    const [a, b] = await Promise.all([
      api()
        .post(url(id, '/join'))
        .set(await auth('clerk')),
      api()
        .post(url(id, '/join'))
        .set(await auth('clerk-yuelu')),
    ]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    winner = a.status === 200 ? 'clerk' : 'clerk-yuelu';
    loser = winner === 'clerk' ? 'clerk-yuelu' : 'clerk';
    expect(won.body).to.include({ status: 'joined', helperName: won.body.helperName });
    expect(lost.body.error.code).to.equal('online_help_taken');
    expect(lost.body.error.message)
      .to.include(won.body.helperName)
      .and.match(/已于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 接入/);
    expect(
      (
        await api()
          .post(url(id, '/join'))
          .set(await auth(winner))
      ).status,
      'joining again is no conflict',
    ).to.equal(200);
    const other = await api()
      .post(url(id, '/messages'))
      .set(await auth(loser))
      .send({ text: '我来帮您' });
    expect(other.status).to.equal(403);
    expect(other.body.error.message).to.include(won.body.helperName);
  });

  it('the conversation goes both ways over socket.io and is stored; a message too long or empty is 422', async () => {
    helperSocket = await listen<Event>(winner, 'online-help');
    const words = (s: Listening<Event>, text: string) => () => s.received.some((e) => e.type === 'entry' && e.entry?.text === text);
    const asked = await api()
      .post(url(id, '/messages'))
      .set(await auth('applicant'))
      .send({ text: '地址要写到门牌号吗？' });
    expect(asked.status).to.equal(201);
    expect(await within(5000, words(helperSocket, '地址要写到门牌号吗？')), 'the helper hears the applicant').to.equal(true);
    const answered = await api()
      .post(url(id, '/messages'))
      .set(await auth(winner))
      .send({ text: '要写到门牌号。' });
    expect(answered.status).to.equal(201);
    expect(await within(5000, words(applicantSocket, '要写到门牌号。')), 'the applicant hears the helper').to.equal(true);
    expect(await within(1000, words(applicantSocket, '地址要写到门牌号吗？')), 'and their own message, for their other tabs').to.equal(true);

    const detail = await api()
      .get(url(id))
      .set(await auth('applicant'));
    expect(detail.body.entries.map((e: { kind: string; text: string | null }) => [e.kind, e.text])).to.deep.equal([
      ['text', '经营场所地址怎么填？'],
      ['joined', null],
      ['text', '地址要写到门牌号吗？'],
      ['text', '要写到门牌号。'],
    ]);
    const long = await api()
      .post(url(id, '/messages'))
      .set({ ...(await auth('applicant')), 'Accept-Language': 'en' })
      .send({ text: '长'.repeat(1001) });
    expect(long.status).to.equal(422);
    expect(long.body.error.details[0].field).to.equal('text');
    expect(
      (
        await api()
          .post(url(id, '/messages'))
          .set(await auth('applicant'))
          .send({ text: '   ' })
      ).status,
    ).to.equal(422);
  });

  it('the helper sees the form as it is filled, personal data masked', async () => {
    const sent = await api()
      .put(url(id, '/form'))
      .set(await auth('applicant'))
      .send({ form: { businessName: '张三小吃', operatorIdNo: '430102199003071234', notAField: 'x' } });
    expect(sent.status).to.equal(200);
    expect(await within(5000, () => helperSocket.received.some((e) => e.type === 'form' && e.form?.businessName === '张三小吃'))).to.equal(true);
    const pushed = helperSocket.received.filter((e) => e.type === 'form').at(-1)!.form!;
    expect(pushed).to.deep.equal({ businessName: '张三小吃', operatorIdNo: '4301**********1234' });
    const seen = await api()
      .get(url(id))
      .set(await auth(winner));
    expect(seen.body.form).to.deep.equal(pushed);
    expect(seen.body.fields.find((f: { name: string }) => f.name === 'operatorIdNo').personal).to.equal('id-number');
    expect(
      (
        await api()
          .put(url(id, '/form'))
          .set(await auth(winner))
          .send({ form: {} })
      ).status,
      'only the applicant sends the form',
    ).to.equal(403);
  });

  it('filling needs consent: refused without, done with (checked against the field), refused again once withdrawn', async () => {
    const fill = (body: object, lang = 'zh-CN') =>
      auth(winner).then((h) =>
        api()
          .post(url(id, '/fills'))
          .set({ ...h, 'Accept-Language': lang })
          .send(body),
      );
    const refused = await fill({ field: 'businessName', value: '张三小吃店' });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('online_help_no_consent');
    expect(refused.body.error.message).to.include('张三');

    const given = await api()
      .put(url(id, '/consent'))
      .set(await auth('applicant'))
      .send({ consent: true });
    expect(given.status).to.equal(200);
    expect(given.body.consent).to.equal(true);
    expect(
      (
        await api()
          .put(url(id, '/consent'))
          .set(await auth(winner))
          .send({ consent: true })
      ).status,
      'consent is the applicant’s',
    ).to.equal(403);

    const filled = await fill({ field: 'businessName', value: '张三小吃店' });
    expect(filled.status).to.equal(201);
    expect(await within(5000, () => applicantSocket.received.some((e) => e.entry?.kind === 'filled' && e.entry.value === '张三小吃店'))).to.equal(true);
    const notInForm = await fill({ field: 'favouriteColour', value: 'red' }, 'en');
    expect(notInForm.status).to.equal(422);
    expect(notInForm.body.error.details[0].message).to.include('the form has no field “favouriteColour”');
    const personal = await fill({ field: 'operatorIdNo', value: '430102199003071234' });
    expect(personal.status).to.equal(422);
    expect(personal.body.error.details[0].message).to.include('个人信息');
    expect((await fill({ field: 'employees', value: -3 })).status, 'the field’s own rule').to.equal(422);

    const pending = await api()
      .get(url(id))
      .set(await auth('applicant'));
    expect(pending.body.pendingFills).to.deep.include({
      field: 'businessName',
      value: '张三小吃店',
      by: pending.body.request.helperName,
      at: pending.body.pendingFills[0].at,
    });
    const confirmed = await api()
      .post(url(id, '/confirmations'))
      .set(await auth('applicant'))
      .send({ field: 'businessName' });
    expect(confirmed.status).to.equal(201);
    expect(
      (
        await api()
          .get(url(id))
          .set(await auth('applicant'))
      ).body.pendingFills,
    ).to.deep.equal([]);
    expect(
      (
        await api()
          .post(url(id, '/confirmations'))
          .set(await auth('applicant'))
          .send({ field: 'businessName' })
      ).status,
    ).to.equal(422);

    expect(
      (
        await api()
          .put(url(id, '/consent'))
          .set(await auth('applicant'))
          .send({ consent: false })
      ).body.consent,
    ).to.equal(false);
    expect((await fill({ field: 'businessName', value: '李四小吃店' })).status).to.equal(409);
    const kinds = (
      await api()
        .get(url(id))
        .set(await auth('applicant'))
    ).body.entries.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k.startsWith('consent_') || k === 'filled' || k === 'confirmed')).to.deep.equal([
      'consent_given',
      'filled',
      'confirmed',
      'consent_withdrawn',
    ]);
  });

  it('closed by the helper, resolved; nothing more but the applicant’s rating, once', async () => {
    expect(
      (
        await api()
          .post(url(id, '/rating'))
          .set(await auth('applicant'))
          .send({ level: 5 })
      ).status,
      'not before it is closed',
    ).to.equal(409);
    const closed = await api()
      .post(url(id, '/close'))
      .set(await auth(winner))
      .send({ resolved: true, note: '已指导填写' });
    expect(closed.status).to.equal(200);
    expect(closed.body).to.include({ status: 'closed', resolved: true, closedBy: 'helper', resolutionNote: '已指导填写' });
    const late = await api()
      .post(url(id, '/messages'))
      .set({ ...(await auth('applicant')), 'Accept-Language': 'en' })
      .send({ text: 'one more thing' });
    expect(late.status).to.equal(409);
    expect(late.body.error.message).to.include('closed by').and.include(closed.body.closedByName);
    expect(
      (
        await api()
          .put(url(id, '/consent'))
          .set(await auth('applicant'))
          .send({ consent: true })
      ).status,
    ).to.equal(409);
    expect(
      (
        await api()
          .post(url(id, '/rating'))
          .set(await auth('applicant'))
          .send({ level: 6 })
      ).status,
    ).to.equal(422);
    expect(
      (
        await api()
          .post(url(id, '/rating'))
          .set(await auth(winner))
          .send({ level: 1 })
      ).status,
      'the helper does not rate',
    ).to.equal(403);
    const rated = await api()
      .post(url(id, '/rating'))
      .set(await auth('applicant'))
      .send({ level: 5, comment: '很耐心' });
    expect(rated.status).to.equal(200);
    expect(rated.body.rating).to.equal(5);
    const twice = await api()
      .post(url(id, '/rating'))
      .set(await auth('applicant'))
      .send({ level: 1 });
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('online_help_rated');
    expect(
      (
        await api()
          .get(`/api/v1/online-help/current?itemCode=${ITEM}`)
          .set(await auth('applicant'))
      ).body.request,
      'rated: no current request',
    ).to.equal(null);
  });

  it('the figures: 响应率、解决率、满意度 and the median response time of the centre, for its staff and the supervisors', async () => {
    // 李四 asks too and gives up unhelped: waiting, then closed by himself, unresolved
    const second = await api()
      .post('/api/v1/online-help/requests')
      .set(await auth(lisi))
      .send({ itemCode: ITEM, regionCode: '430104003' });
    expect(second.status).to.equal(201);
    const gaveUp = await api()
      .post(url(second.body.id as number, '/close'))
      .set(await auth(lisi))
      .send({ resolved: false });
    expect(gaveUp.body).to.include({ closedBy: 'applicant', resolved: false });
    const joined = (await HelpRequest.findByPk(id))!;
    const waited = (joined.joinedAt!.getTime() - joined.createdAt.getTime()) / 1000;

    const today = shanghaiDay(new Date());
    const figures = await api()
      .get(`/api/v1/online-help/figures?from=${today}&to=${today}&region=${YUELU}`)
      .set(await auth('clerk-yuelu'));
    expect(figures.status).to.equal(200);
    expect(figures.body).to.deep.equal({
      from: today,
      to: today,
      regionCode: YUELU,
      regionName: '岳麓区',
      withinMinutes: 5,
      requests: 2,
      joined: 1,
      joinedInTime: 1,
      responseRate: 0.5,
      medianResponseSeconds: waited,
      closed: 2,
      resolved: 1,
      resolutionRate: 0.5,
      rated: 1,
      satisfaction: 5,
      satisfiedRate: 1,
    });
    const station = await api()
      .get(`/api/v1/online-help/figures?from=${today}&to=${today}`)
      .set(await auth('clerk-station'));
    expect(station.body).to.include({ regionCode: '430104003001', requests: 0, responseRate: null });
    const supervisor = await api()
      .get(`/api/v1/online-help/figures?region=${YUELU}`)
      .set(await auth('supervisor'));
    expect(supervisor.body).to.include({ requests: 2, resolved: 1 });
    expect(
      (
        await api()
          .get('/api/v1/online-help/figures')
          .set(await auth('leader'))
      ).status,
      'another department’s leader',
    ).to.equal(403);
    const outside = await api()
      .get(`/api/v1/online-help/figures?region=430102`)
      .set(await auth('clerk-yuelu'));
    expect(outside.status).to.equal(422);
    expect(
      (
        await api()
          .get('/api/v1/online-help/figures?from=2026-02-30')
          .set(await auth('clerk-yuelu'))
      ).status,
    ).to.equal(422);
  });
});
