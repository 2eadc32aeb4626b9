import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { api, auth } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { SharedData, SharedDataUnavailableError } from '../../server/shared-data/index.ts';
import { SandboxRegistries } from '../../server/gateways/registries/index.ts';
import { creditCodeCheckCharacter, residentIdCheckCharacter } from '../../contract/validation/id-numbers.ts';

/** 共享数据 on the real sandbox registries: lookups, their outcomes, every query in the log, and who may read the log. */

const ZHANGSAN = '430102199003071234';
const LISI = '430102198506120021';
const FURONG = '91430100MA4L1A2B3F';
/** valid numbers (check characters right) that no registry holds */
const NOBODY = (() => {
  const first17 = '11010119500101009';
  return `${first17}${residentIdCheckCharacter(first17)}`;
})();
const NO_COMPANY = (() => {
  const first17 = '91110000MA0000001';
  return `${first17}${creditCodeCheckCharacter(first17)}`;
})();

/**
 * The domain as the platform configures it, with a cache of its own: the server and the workers of
 * this lane run in this process and look people up too (秒批, 免申即享), into the configured instance's
 * short cache; what these tests say of the cache is about their own lookups.
 */
let own: SharedData | undefined;
const service = () => {
  const { url, appId, secret, timeoutMs, cacheSeconds } = testEnv().config.registries;
  own ??= new SharedData(new SandboxRegistries({ baseUrl: url!, appId, secret, timeoutMs }), { cacheSeconds });
  return own;
};

interface LogEntry {
  id: number;
  actor: string;
  actorKind: string;
  registry: string;
  subject: string;
  caseNo: string | null;
  purpose: string;
  outcome: string;
  cached: boolean;
  latencyMs: number;
}

async function log(query: Record<string, string>, as = 'supervisor') {
  const res = await api()
    .get('/api/v1/shared-data/queries')
    .query(query)
    .set(await auth(as));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as { total: number; page: number; size: number; queries: LogEntry[] };
}

async function unavailable(call: Promise<unknown>): Promise<SharedDataUnavailableError> {
  try {
    await call;
  } catch (err) {
    expect(err).to.be.instanceOf(SharedDataUnavailableError);
    return err as SharedDataUnavailableError;
  }
  throw new Error('the lookup did not fail');
}

describe('共享数据 (shared data): the population and legal-person registries, every lookup recorded', () => {
  it('finds a person who signs in (the identity sandbox’s 张三) with household, and records who asked, for which case, why', async () => {
    const person = await service().lookupPerson(ZHANGSAN, { actor: 'reviewer', caseNo: 'REG-T-0001', purpose: '核验申请人户籍' });
    expect(person).to.include({ idNo: ZHANGSAN, name: '张三', sex: 'male', birthDate: '1990-03-07', status: 'alive' });
    expect(person!.household.relation).to.equal('head');
    expect(person!.household.regionCode).to.equal('430102');
    expect(person!.household.members[0]).to.include({ idNo: ZHANGSAN, relation: 'head', alive: true });
    expect(person!.household.address).to.match(/^湖南省长沙市芙蓉区/);

    const { total, queries } = await log({ caseNo: 'REG-T-0001' });
    expect(total).to.equal(1);
    expect(queries[0]).to.include({
      actor: 'reviewer',
      actorKind: 'user',
      registry: 'population',
      subject: '4301**********1234',
      caseNo: 'REG-T-0001',
      purpose: '核验申请人户籍',
      outcome: 'found',
      cached: false,
    });
    expect(queries[0]!.latencyMs).to.be.a('number').and.at.least(0);
    // sealed at rest: the table holds no ID number in clear
    const rows = await testEnv().server.ctx.sequelize.query<{ subject: string }>('SELECT subject FROM shared_data_queries WHERE case_no = :caseNo', {
      replacements: { caseNo: 'REG-T-0001' },
      type: QueryTypes.SELECT,
    });
    expect(rows).to.have.length(1);
    expect(rows[0]!.subject).not.to.include(ZHANGSAN);
  });

  it('finds someone who joined the identity sandbox after the registries were made (whoever signs in is in the 人口库)', async () => {
    const first17 = '43010419880214004';
    const idNo = `${first17}${residentIdCheckCharacter(first17)}`;
    testEnv().identity.control.addPerson({ name: '钱十一', idNo, phone: '13700137011', realNameLevel: 'L2' });
    const person = await service().lookupPerson(idNo, { actor: 'reviewer', caseNo: 'REG-T-0005', purpose: '核验' });
    expect(person).to.include({ name: '钱十一', sex: 'female', birthDate: '1988-02-14', status: 'alive' });
    expect(person!.household).to.include({ regionCode: '430104', relation: 'head' });
  });

  it('answers the same number again from the short cache, still recorded; a number not found is asked afresh each time', async () => {
    const registries = testEnv().registries;
    const asked = () => registries.control.queries().length;
    const context = { actor: 'worker:instant-approval', caseNo: 'REG-T-0002', purpose: '秒批核验' };
    // 李四: looked up by no other test
    await service().lookupPerson(LISI, context);
    const before = asked();
    expect(await service().lookupPerson(LISI, context)).to.include({ name: '李四' });
    expect(asked(), 'the cache answered').to.equal(before);

    expect(await service().lookupPerson(NOBODY, context)).to.equal(null);
    expect(await service().lookupPerson(NOBODY, context)).to.equal(null);
    expect(asked(), 'a number not found is never cached').to.equal(before + 2);

    const { queries } = await log({ caseNo: 'REG-T-0002' });
    expect(queries.map((q) => [q.outcome, q.cached, q.actorKind])).to.deep.equal([
      ['not_found', false, 'system'],
      ['not_found', false, 'system'],
      ['found', true, 'system'],
      ['found', false, 'system'],
    ]);
    expect(queries[0]!.subject).to.equal(`1101**********${NOBODY.slice(-4)}`);
  });

  it('finds a company with its legal representative; an unknown credit code is not found', async () => {
    const context = { actor: 'clerk', caseNo: 'REG-T-0003', purpose: '核验市场主体登记' };
    const company = await service().lookupCompany(FURONG, context);
    expect(company).to.include({ creditCode: FURONG, name: '长沙芙蓉示范餐饮有限公司', type: 'limited_liability', status: 'active' });
    expect(company!.legalRepresentative).to.deep.equal({ name: '赵六', idNo: '430103197804150044' });
    expect(await service().lookupCompany(NO_COMPANY, context)).to.equal(null);
    const { queries } = await log({ caseNo: 'REG-T-0003', registry: 'legal_person' });
    expect(queries.map((q) => [q.subject, q.outcome])).to.deep.equal([
      [NO_COMPANY, 'not_found'],
      [FURONG, 'found'],
    ]);
  });

  it('an outage is a 503 to the caller (registry_unavailable), recorded as unavailable; so is a registry too slow for the deadline', async () => {
    const { registries } = testEnv();
    const context = { actor: 'reviewer', caseNo: 'REG-T-0004', purpose: '核验' };
    registries.control.setOutage(true);
    try {
      const err = await unavailable(service().lookupCompany('91430102MA4Q7C8D9A', context));
      expect(err.status).to.equal(503);
      expect(err.code).to.equal('registry_unavailable');
      expect(err.localizedMessage?.['zh-CN']).to.equal('法人库暂不可用，未取得数据，请稍后再试');
    } finally {
      registries.control.setOutage(false);
    }
    // slowness past the adapter's deadline: a service with a 300 ms deadline and no cache
    const impatient = new SharedData(new SandboxRegistries({ baseUrl: registries.url, appId: registries.appId, secret: registries.secret, timeoutMs: 300 }), {
      cacheSeconds: 0,
    });
    registries.control.injectFaults({ mode: 'slow', count: 1, delayMs: 1500 });
    await unavailable(impatient.lookupPerson(ZHANGSAN, context));
    // the registry is back: the same lookup works
    expect(await impatient.lookupPerson(ZHANGSAN, context)).to.include({ name: '张三' });

    const { queries } = await log({ caseNo: 'REG-T-0004' });
    expect(queries.map((q) => [q.registry, q.outcome])).to.deep.equal([
      ['population', 'found'],
      ['population', 'unavailable'],
      ['legal_person', 'unavailable'],
    ]);
    expect(queries[1]!.latencyMs).to.be.at.least(290);
  });

  it('refuses a malformed number or a lookup that says not who or why, asking nothing and recording nothing', async () => {
    const before = (await log({})).total;
    for (const call of [
      () => service().lookupPerson('430102199003071235', { actor: 'reviewer', purpose: '核验' }),
      () => service().lookupCompany('91430100MA4L1A2B3G', { actor: 'reviewer', purpose: '核验' }),
      () => service().lookupPerson(ZHANGSAN, { actor: '', purpose: '核验' }),
      () => service().lookupPerson(ZHANGSAN, { actor: 'reviewer', purpose: ' ' }),
    ]) {
      const err = await call().then(
        () => undefined,
        (e: unknown) => e as { status?: number },
      );
      expect(err?.status).to.equal(422);
    }
    expect((await log({})).total).to.equal(before);
  });

  it('a birth registered in the sandbox is an event with the child and its parents, and the child is then found in the household', async () => {
    const { registries } = testEnv();
    // 张三's wife, if the sandbox made him one; else any woman of 20–40 in a household of her own
    const zhangsan = (await service().lookupPerson(ZHANGSAN, { actor: 'system:test', purpose: '测试准备' }))!;
    const spouse = zhangsan.household.members.find((m) => m.relation === 'spouse');
    const { cursor } = await service().eventsAfter(null, 500);
    const mother =
      spouse && Number(spouse.idNo[16]) % 2 === 0
        ? spouse.idNo
        : registries.control
            .all()
            .persons.find((p) => Number(p.idNo[16]) % 2 === 0 && p.status === 'alive' && p.birthDate > '1988-01-01' && p.birthDate < '2002-01-01')!.idNo;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    registries.control.registerBirth({ motherIdNo: mother, name: '张小满', sex: 'female', birthDate: today });

    const { events, cursor: next } = await service().eventsAfter(cursor);
    expect(events).to.have.length(1);
    const birth = events[0]!;
    expect(birth.type).to.equal('birth_registered');
    if (birth.type !== 'birth_registered') return;
    expect(birth.child).to.include({ name: '张小满', sex: 'female', birthDate: today });
    expect(birth.parents.map((p) => p.idNo)).to.include(mother);
    expect(next).to.equal(birth.cursor);
    expect((await service().eventsAfter(next)).events).to.deep.equal([]);

    const child = await service().lookupPerson(birth.child.idNo, { actor: 'worker:proactive', purpose: '免申即享：新生儿医保参保' });
    expect(child).to.include({ name: '张小满', birthDate: today, maritalStatus: 'unmarried' });
    expect(child!.household.members.map((m) => m.idNo)).to.include(mother);
  });

  it('the log page: filters by period, actor, registry and outcome, pages; the 数据局’s leaders and the auditor read it, others are refused', async () => {
    const all = await log({ size: '100' }, 'auditor');
    expect(all.total).to.be.at.least(10);
    const page2 = await log({ size: '2', page: '2' });
    expect(page2.queries.map((q) => q.id)).to.deep.equal(all.queries.slice(2, 4).map((q) => q.id));
    expect((await log({ actor: 'clerk' })).queries.every((q) => q.actor === 'clerk')).to.equal(true);
    // only unavailable lookups; among them this file's two (a process test may have met an outage before)
    const unavailable = (await log({ outcome: 'unavailable' })).queries;
    expect(unavailable.every((q) => q.outcome === 'unavailable')).to.equal(true);
    expect(unavailable.filter((q) => q.caseNo?.startsWith('REG-T-')).map((q) => q.caseNo)).to.deep.equal(['REG-T-0004', 'REG-T-0004']);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await log({ from: future })).total).to.equal(0);
    expect((await log({ to: future, registry: 'legal_person' })).total).to.be.at.least(3);

    const bad = await api()
      .get('/api/v1/shared-data/queries')
      .query({ registry: 'tax' })
      .set(await auth('supervisor'));
    expect(bad.status).to.equal(422);
    const otherLeader = await api()
      .get('/api/v1/shared-data/queries')
      .set({ ...(await auth('leader')), 'Accept-Language': 'en' });
    expect(otherLeader.status).to.equal(403);
    expect(otherLeader.body.error.code).to.equal('shared_data_log_forbidden');
    expect(otherLeader.body.error.message).to.match(/data bureau/);
    for (const user of ['reviewer', 'admin', 'applicant']) {
      const res = await api()
        .get('/api/v1/shared-data/queries')
        .set(await auth(user));
      expect(res.status, user).to.equal(403);
    }
  });
});
