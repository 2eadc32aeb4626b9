import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidCreditCode, isValidResidentIdNumber, residentIdCheckCharacter } from '../../../contract/validation/id-numbers.ts';
import { GatewayRejectedError, GatewayUnavailableError } from '../../../server/gateways/gateway-errors.ts';
import { defaultPopulation } from '../../../server/gateways/identity/population.ts';
import {
  COMPANY_TYPES,
  COMPANY_STATUSES,
  SandboxRegistries,
  startRegistriesSandbox,
  type RegistriesSandbox,
} from '../../../server/gateways/registries/index.ts';
import { ageOn, addDays, generateRegistry, yearsBefore } from '../../../server/gateways/registries/sandbox-generate.ts';

const thrown = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );
const TODAY = '2026-12-07';

describe('registries sandbox: the generated records', () => {
  const state = generateRegistry(defaultPopulation(), TODAY);

  it('holds a few hundred people, every ID number valid and unique, the identity sandbox’s people among them', () => {
    expect(state.persons.length).to.be.within(280, 400);
    expect(state.persons.filter((p) => !isValidResidentIdNumber(p.idNo))).to.deep.equal([]);
    expect(new Set(state.persons.map((p) => p.idNo)).size).to.equal(state.persons.length);
    for (const p of state.persons) {
      expect(Number(p.idNo[16]) % 2 === 1 ? 'male' : 'female', p.idNo).to.equal(p.sex);
      expect(p.idNo.slice(6, 14)).to.equal(p.birthDate.replace(/-/g, ''));
    }
    for (const person of defaultPopulation().persons) {
      expect(state.persons.find((p) => p.idNo === person.idNo)).to.include({ name: person.name, relation: 'head' });
    }
  });

  it('has every age: people turning 80 within 60 days, children, the disabled with a right certificate number, the deceased', () => {
    const turning80 = state.persons.filter((p) => p.birthDate > yearsBefore(TODAY, 80) && p.birthDate <= addDays(yearsBefore(TODAY, 80), 60));
    expect(turning80.length).to.be.at.least(10);
    expect(state.persons.filter((p) => ageOn(p.birthDate, TODAY) < 18).length).to.be.at.least(30);
    const disabled = state.persons.filter((p) => p.disability);
    expect(disabled.length).to.be.at.least(8);
    for (const p of disabled) expect(p.disability!.certificateNo).to.match(new RegExp(`^${p.idNo}[1-7][1-4]$`));
    const deceased = state.persons.filter((p) => p.status === 'deceased');
    expect(deceased.length).to.be.at.least(3);
    for (const p of deceased) expect(p.deathDate! > p.birthDate && p.deathDate! <= TODAY).to.equal(true);
    expect(state.persons.some((p) => p.maritalStatus === 'widowed')).to.equal(true);
  });

  it('has companies of every type and state, each credit code with its right check character', () => {
    expect(state.companies.filter((c) => !isValidCreditCode(c.creditCode))).to.deep.equal([]);
    expect(new Set(state.companies.map((c) => c.type))).to.deep.equal(new Set(COMPANY_TYPES));
    expect(new Set(state.companies.map((c) => c.status))).to.deep.equal(new Set(COMPANY_STATUSES));
    for (const c of state.companies) {
      expect(c.creditCode[1], c.name).to.equal(c.type === 'individual_business' ? '2' : c.type === 'farmers_cooperative' ? '3' : '1');
      expect(c.status === 'active', c.name).to.equal(c.statusChangedOn === null);
    }
  });

  it('is the same on every run of the same day, and its recent history is the feed', () => {
    expect(generateRegistry(defaultPopulation(), TODAY)).to.deep.equal(state);
    expect(state.events.length).to.be.at.least(3);
    expect(state.events.map((e) => e.cursor)).to.deep.equal(state.events.map((_e, i) => String(i + 1)));
    expect(state.events.every((e) => e.recordedAt.slice(0, 10) <= TODAY)).to.equal(true);
  });
});

describe('registries sandbox: the signed API and the control API', () => {
  let sandbox: RegistriesSandbox;
  let registries: SandboxRegistries;
  let dir: string;
  const post = (path: string, body: unknown) =>
    fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registries-'));
    sandbox = await startRegistriesSandbox({ dataFile: join(dir, 'registries.json') });
    registries = new SandboxRegistries({ baseUrl: sandbox.url, appId: sandbox.appId, secret: sandbox.secret, timeoutMs: 1000 });
  });
  afterEach(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unsigned request or one signed with another secret (401), and answers a signed one', async () => {
    const unsigned = await fetch(`${sandbox.url}/api/persons/430102199003071234`);
    expect(unsigned.status).to.equal(401);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).to.equal('signature_missing');
    const forger = new SandboxRegistries({ baseUrl: sandbox.url, appId: sandbox.appId, secret: 'not-the-secret-at-all-0000' });
    const err = await thrown(forger.person('430102199003071234'));
    expect(err).to.be.instanceOf(GatewayRejectedError).and.include({ status: 401, code: 'signature_invalid' });
    expect(await registries.person('430102199003071234')).to.include({ name: '张三' });
  });

  it('registers a death: the event, the person deceased, a spouse widowed; a second time is a conflict', async () => {
    const zhangsan = (await registries.person('430102199003071234'))!;
    const spouse = zhangsan.household.members.find((m) => m.relation === 'spouse');
    const { cursor } = await registries.eventsAfter(null, 500);
    const res = await post('/sandbox/deaths', { idNo: '430102199003071234', deathDate: '2026-01-02' });
    expect(res.status).to.equal(201);
    const { events } = await registries.eventsAfter(cursor);
    expect(events).to.have.length(1);
    expect(events[0]).to.include({ type: 'death_registered', deathDate: '2026-01-02' });
    expect(await registries.person('430102199003071234')).to.include({ status: 'deceased', deathDate: '2026-01-02' });
    if (spouse) expect(await registries.person(spouse.idNo)).to.include({ maritalStatus: 'widowed' });
    expect((await post('/sandbox/deaths', { idNo: '430102199003071234' })).status).to.equal(409);
  });

  it('refuses a birth it cannot register, naming the field; registers a company with a valid credit code', async () => {
    const man = '430102199003071234';
    const badMother = await post('/sandbox/births', { motherIdNo: man, name: '张小满', sex: 'female' });
    expect(badMother.status).to.equal(400);
    expect(((await badMother.json()) as { error: { message: string } }).error.message).to.match(/^motherIdNo/);
    expect((await post('/sandbox/births', { motherIdNo: '430102199003071235', name: '张小满', sex: 'female' })).status).to.equal(400);
    const stranger = `11010119900101002${residentIdCheckCharacter('11010119900101002')}`;
    expect((await post('/sandbox/births', { motherIdNo: stranger, name: '张小满', sex: 'female' })).status).to.equal(404);

    const made = await post('/sandbox/companies', {
      name: '长沙测试餐饮有限公司',
      type: 'limited_liability',
      legalRepresentativeIdNo: man,
      regionCode: '430104',
      businessScope: '餐饮服务',
      registeredCapitalYuan: 500000,
    });
    expect(made.status).to.equal(201);
    const { company } = (await made.json()) as { company: { creditCode: string } };
    expect(isValidCreditCode(company.creditCode)).to.equal(true);
    expect(company.creditCode.slice(0, 8)).to.equal('91430104');
    expect(await registries.company(company.creditCode)).to.include({ name: '长沙测试餐饮有限公司', status: 'active', registeredCapitalYuan: 500000 });
  });

  it('answers a cohort by birth dates; an outage or a fault is unavailable; a restart keeps records and credentials', async () => {
    const cohort = await registries.personsBorn({ bornFrom: '1900-01-01', bornTo: '1960-12-31' }, { offset: 0, limit: 5 });
    expect(cohort.total).to.be.greaterThan(5);
    expect(cohort.persons).to.have.length(5);
    expect(cohort.persons.map((p) => p.birthDate)).to.deep.equal([...cohort.persons.map((p) => p.birthDate)].sort());

    sandbox.control.injectFaults({ mode: 'fail', count: 1 });
    expect(await thrown(registries.company('91430100MA4L1A2B3F'))).to.be.instanceOf(GatewayUnavailableError);
    expect(await registries.company('91430100MA4L1A2B3F')).to.include({ name: '长沙芙蓉示范餐饮有限公司' });

    const before = sandbox.control.all();
    const { appId, secret } = sandbox;
    await sandbox.close();
    sandbox = await startRegistriesSandbox({ dataFile: join(dir, 'registries.json') });
    expect(sandbox.control.all()).to.deep.equal(before);
    expect({ appId: sandbox.appId, secret: sandbox.secret }).to.deep.equal({ appId, secret });
  });
});
