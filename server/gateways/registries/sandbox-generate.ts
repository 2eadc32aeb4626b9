import { creditCodeCheckCharacter, residentIdCheckCharacter } from '../../../contract/validation/id-numbers.ts';
import type { Population } from '../identity/population.ts';
import {
  DISABILITY_CATEGORIES,
  type CompanyRecord,
  type CompanyStatus,
  type CompanyType,
  type DisabilityCertificate,
  type HouseholdRelation,
  type MaritalStatus,
  type RegistryEvent,
  type RegistryEventBody,
  type Sex,
} from './registries.ts';
import { COUNTIES, countyName, CROPS, FEMALE_GIVEN, INDUSTRIES, MALE_GIVEN, SHOPS, SURNAMES, TRADE_NAMES } from './sandbox-names.ts';

/**
 * The sandbox registries' first records, generated deterministically from a seed and the first day
 * they run (so ages are right: people turning 80 within the coming weeks, babies born last month):
 * the identity sandbox's people and companies first (a person who signs in is found here), then
 * about three hundred more in households of every age, some disabled, some deceased, and companies
 * of every kind and state. Every ID number and credit code carries its right check character.
 */

export interface StoredPerson {
  idNo: string;
  name: string;
  sex: Sex;
  birthDate: string;
  status: 'alive' | 'deceased';
  deathDate: string | null;
  maritalStatus: MaritalStatus;
  disability: DisabilityCertificate | null;
  householdNo: string;
  relation: HouseholdRelation;
}

export interface StoredHousehold {
  householdNo: string;
  address: string;
  regionCode: string;
}

export interface RegistryState {
  /** the Beijing day the records were generated on */
  generatedOn: string;
  persons: StoredPerson[];
  households: StoredHousehold[];
  companies: CompanyRecord[];
  events: RegistryEvent[];
  /** the next event's sequence number (its cursor) */
  nextEvent: number;
}

const DAY = 86_400_000;
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, days: number) => dayOf(msOf(day) + days * DAY);
/** The same month and day `years` earlier (29 February becomes 28 February in a common year). */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, d));
  return date.getUTCMonth() === m - 1 ? dayOf(date.getTime()) : dayOf(Date.UTC(y - years, m - 1, 28));
}
/** Whole years from birth to the day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** mulberry32: small, fast and the same on every machine */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof seededRandom>;

const CREDIT_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Makes numbers no record has yet: ID numbers (GB 11643), credit codes (GB 32100), 户号. */
export class NumberMaker {
  private order = 0;
  private household = 0;
  constructor(
    private readonly taken: Set<string>,
    private readonly random: Random,
    householdCount = 0,
  ) {
    this.household = householdCount;
  }

  idNo(regionCode: string, birthDate: string, sex: Sex): string {
    for (;;) {
      this.order = (this.order + 1) % 499;
      // the 17th digit is odd for a man, even for a woman
      const order = String(this.order * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
      const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${order}`;
      const idNo = `${first17}${residentIdCheckCharacter(first17)}`;
      if (!this.taken.has(idNo)) {
        this.taken.add(idNo);
        return idNo;
      }
    }
  }

  creditCode(type: CompanyType, regionCode: string): string {
    // 登记管理部门 9 (市场监管), 机构类别 1 企业, 2 个体工商户, 3 农民专业合作社
    const kind = type === 'individual_business' ? '2' : type === 'farmers_cooperative' ? '3' : '1';
    for (;;) {
      let body = 'MA';
      for (let i = 0; i < 7; i++) body += this.random.pick([...CREDIT_BODY]);
      const first17 = `9${kind}${regionCode}${body}`;
      const code = `${first17}${creditCodeCheckCharacter(first17)}`;
      if (!this.taken.has(code)) {
        this.taken.add(code);
        return code;
      }
    }
  }

  householdNo(regionCode: string): string {
    this.household += 1;
    return `${regionCode.slice(2)}${String(this.household).padStart(6, '0')}`;
  }
}

export function addressIn(random: Random, regionCode: string): string {
  const county = COUNTIES.find((c) => c.code === regionCode);
  const street = county ? random.pick(county.streets) : random.pick(COUNTIES[0]!.streets);
  return `湖南省长沙市${countyName(regionCode)}${street}${random.int(1, 399)}号${random.int(1, 20)}栋${random.int(1, 6)}0${random.int(1, 4)}室`;
}

export function personName(random: Random, sex: Sex, surname = random.pick(SURNAMES)): string {
  return `${surname}${random.pick(sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN)}`;
}

const sexOfIdNo = (idNo: string): Sex => (Number(idNo[16]) % 2 === 1 ? 'male' : 'female');
const birthOfIdNo = (idNo: string) => `${idNo.slice(6, 10)}-${idNo.slice(10, 12)}-${idNo.slice(12, 14)}`;

/** Builds the first records (see the module's comment). */
export function generateRegistry(population: Population, today: string, seed = 20_260_101): RegistryState {
  const random = seededRandom(seed);
  const taken = new Set<string>([...population.persons.map((p) => p.idNo), ...population.companies.map((c) => c.creditCode)]);
  const numbers = new NumberMaker(taken, random);
  const persons: StoredPerson[] = [];
  const households: StoredHousehold[] = [];

  const newHousehold = (regionCode: string) => {
    const household = { householdNo: numbers.householdNo(regionCode), address: addressIn(random, regionCode), regionCode };
    households.push(household);
    return household;
  };
  const born = (minAge: number, maxAge: number) => addDays(yearsBefore(today, maxAge + 1), random.int(1, (maxAge - minAge + 1) * 365 - 1));
  const add = (p: Omit<StoredPerson, 'idNo' | 'disability' | 'status' | 'deathDate'> & { idNo?: string; regionCode: string }): StoredPerson => {
    const { regionCode, ...rest } = p;
    const person: StoredPerson = {
      ...rest,
      idNo: p.idNo ?? numbers.idNo(regionCode, p.birthDate, p.sex),
      status: 'alive',
      deathDate: null,
      disability: null,
    };
    persons.push(person);
    return person;
  };
  /** a spouse of about the same age, and children of the right ages */
  const family = (head: StoredPerson, regionCode: string, childrenUpTo: number) => {
    const age = ageOn(head.birthDate, today);
    const spouseSex: Sex = head.sex === 'male' ? 'female' : 'male';
    const spouse = add({
      name: personName(random, spouseSex),
      sex: spouseSex,
      birthDate: born(Math.max(20, age - 4), age + 3),
      maritalStatus: 'married',
      householdNo: head.householdNo,
      relation: 'spouse',
      regionCode,
    });
    head.maritalStatus = 'married';
    const surname = head.sex === 'male' ? [...head.name][0] : [...spouse.name][0];
    const children = age < 24 ? 0 : random.int(0, childrenUpTo);
    for (let i = 0; i < children; i++) {
      const sex: Sex = random.chance(0.5) ? 'male' : 'female';
      const childAge = random.int(0, Math.min(age - 22, 30));
      add({
        name: personName(random, sex, surname),
        sex,
        // a baby of the last weeks now and then: the event feed has births to show
        birthDate: childAge === 0 ? addDays(today, -random.int(3, 200)) : born(childAge, childAge),
        maritalStatus: childAge >= 26 && random.chance(0.4) ? 'married' : 'unmarried',
        householdNo: head.householdNo,
        relation: 'child',
        regionCode,
      });
    }
    return spouse;
  };

  // the identity sandbox's people, each the head of a household in the county of their ID number
  for (const p of population.persons) {
    const regionCode = p.idNo.slice(0, 6);
    const household = newHousehold(regionCode);
    const head = add({
      idNo: p.idNo,
      name: p.name,
      sex: sexOfIdNo(p.idNo),
      birthDate: birthOfIdNo(p.idNo),
      maritalStatus: 'unmarried',
      householdNo: household.householdNo,
      relation: 'head',
      regionCode,
    });
    if (ageOn(head.birthDate, today) >= 25 && random.chance(0.7)) family(head, regionCode, 2);
  }

  // the old: some turning 80 in the coming weeks (高龄津贴), some widowed, some deceased
  for (let i = 0; i < 32; i++) {
    const regionCode = random.pick(COUNTIES).code;
    const household = newHousehold(regionCode);
    const sex: Sex = random.chance(0.5) ? 'male' : 'female';
    const birthDate = i < 10 ? addDays(yearsBefore(today, 80), random.int(1, 60)) : i < 13 ? addDays(yearsBefore(today, 80), -random.int(1, 20)) : born(70, 98);
    const head = add({
      name: personName(random, sex),
      sex,
      birthDate,
      maritalStatus: 'widowed',
      householdNo: household.householdNo,
      relation: 'head',
      regionCode,
    });
    if (random.chance(0.55)) {
      const spouse = family(head, regionCode, 0);
      if (random.chance(0.3)) {
        spouse.status = 'deceased';
        spouse.deathDate = addDays(today, -random.int(20, 1500));
        head.maritalStatus = 'widowed';
      }
    }
    if (i >= 13 && random.chance(0.12)) {
      head.status = 'deceased';
      head.deathDate = addDays(today, -random.int(5, 900));
    }
  }

  // families of working age, some with a parent of theirs in the household
  for (let i = 0; i < 75; i++) {
    const regionCode = random.pick(COUNTIES).code;
    const household = newHousehold(regionCode);
    const sex: Sex = random.chance(0.6) ? 'male' : 'female';
    const head = add({
      name: personName(random, sex),
      sex,
      birthDate: born(26, 60),
      maritalStatus: 'unmarried',
      householdNo: household.householdNo,
      relation: 'head',
      regionCode,
    });
    if (random.chance(0.8)) family(head, regionCode, 3);
    else head.maritalStatus = random.chance(0.5) ? 'divorced' : 'unmarried';
    if (random.chance(0.25)) {
      const parentSex: Sex = random.chance(0.5) ? 'male' : 'female';
      const headAge = ageOn(head.birthDate, today);
      add({
        name: personName(random, parentSex),
        sex: parentSex,
        birthDate: born(headAge + 22, Math.min(headAge + 35, 99)),
        maritalStatus: 'widowed',
        householdNo: household.householdNo,
        relation: 'parent',
        regionCode,
      });
    }
  }

  // the young on their own
  for (let i = 0; i < 30; i++) {
    const regionCode = random.pick(COUNTIES).code;
    const household = newHousehold(regionCode);
    const sex: Sex = random.chance(0.5) ? 'male' : 'female';
    add({
      name: personName(random, sex),
      sex,
      birthDate: born(18, 35),
      maritalStatus: 'unmarried',
      householdNo: household.householdNo,
      relation: 'head',
      regionCode,
    });
  }

  // 残疾人证: about one in seventeen of those over three
  for (const person of persons) {
    if (ageOn(person.birthDate, today) < 3 || !random.chance(0.06)) continue;
    const category = random.int(1, DISABILITY_CATEGORIES.length);
    const level = random.int(1, 4) as 1 | 2 | 3 | 4;
    person.disability = {
      certificateNo: `${person.idNo}${category}${level}`,
      category: DISABILITY_CATEGORIES[category - 1]!,
      level,
      issuedOn: addDays(today, -random.int(30, 3000)),
    };
  }

  const companies = generateCompanies(population, persons, today, random, numbers);
  const state: RegistryState = { generatedOn: today, persons, households, companies, events: [], nextEvent: 1 };
  state.events = historyEvents(state, today);
  state.nextEvent = state.events.length + 1;
  return state;
}

function generateCompanies(population: Population, persons: StoredPerson[], today: string, random: Random, numbers: NumberMaker): CompanyRecord[] {
  const adults = persons.filter((p) => p.status === 'alive' && ageOn(p.birthDate, today) >= 22);
  const bySub = new Map(population.persons.map((p) => [p.sub, p]));
  const capital = (type: CompanyType) =>
    type === 'joint_stock'
      ? random.int(1000, 5000) * 10_000
      : type === 'individual_business'
        ? random.chance(0.3)
          ? null
          : random.int(1, 20) * 10_000
        : random.int(1, 200) * 10_000;
  const companies: CompanyRecord[] = [];

  for (const c of population.companies) {
    const representative = bySub.get(c.legalRepresentative)!;
    const type: CompanyType = c.creditCode[1] === '2' ? 'individual_business' : c.name.includes('股份') ? 'joint_stock' : 'limited_liability';
    const regionCode = c.creditCode.slice(2, 8);
    const industry = type === 'individual_business' ? SHOPS[0]! : c.name.includes('餐饮') ? INDUSTRIES[0]! : INDUSTRIES[1]!;
    companies.push({
      creditCode: c.creditCode,
      name: c.name,
      type,
      legalRepresentative: { name: representative.name, idNo: representative.idNo },
      registeredCapitalYuan: capital(type),
      address: addressIn(random, regionCode),
      regionCode,
      businessScope: industry.scope,
      status: 'active',
      statusChangedOn: null,
      establishedOn: addDays(today, -random.int(200, 3000)),
    });
  }

  const TYPES: CompanyType[] = [
    ...Array<CompanyType>(14).fill('limited_liability'),
    'joint_stock',
    'joint_stock',
    'sole_proprietorship',
    'sole_proprietorship',
    'partnership',
    'partnership',
    ...Array<CompanyType>(12).fill('individual_business'),
    'farmers_cooperative',
    'farmers_cooperative',
  ];
  for (const [i, type] of TYPES.entries()) {
    const county = random.pick(COUNTIES);
    const representative = random.pick(adults);
    const trade = random.pick(TRADE_NAMES);
    const industry = type === 'individual_business' ? random.pick(SHOPS) : i < 4 ? INDUSTRIES[0]! : random.pick(INDUSTRIES);
    const crop = random.pick(CROPS);
    const name =
      type === 'limited_liability'
        ? `长沙${trade}${industry.word}有限公司`
        : type === 'joint_stock'
          ? `湖南${trade}${industry.word}股份有限公司`
          : type === 'sole_proprietorship'
            ? `长沙市${county.name}${trade}${industry.word}部`
            : type === 'partnership'
              ? `长沙${trade}${industry.word}合伙企业（有限合伙）`
              : type === 'individual_business'
                ? `${county.name}${[...representative.name][0]}记${industry.word}`
                : `长沙县${trade}${crop}种养专业合作社`;
    if (companies.some((c) => c.name === name)) continue;
    // the first few opened within the last weeks (开办餐饮店: the event feed has them)
    const establishedOn = i < 4 ? addDays(today, -random.int(2, 40)) : addDays(today, -random.int(60, 6000));
    const roll = random.next();
    const status: CompanyStatus = i < 4 || roll < 0.8 ? 'active' : roll < 0.92 ? 'deregistered' : 'revoked';
    companies.push({
      creditCode: numbers.creditCode(type, type === 'farmers_cooperative' ? '430121' : county.code),
      name,
      type,
      legalRepresentative: { name: representative.name, idNo: representative.idNo },
      registeredCapitalYuan: capital(type),
      address: addressIn(random, county.code),
      regionCode: type === 'farmers_cooperative' ? '430121' : county.code,
      businessScope: type === 'farmers_cooperative' ? `${crop}种植、养殖、销售；农业技术推广服务` : industry.scope,
      status,
      statusChangedOn: status === 'active' ? null : addDays(establishedOn, Math.max(1, Math.floor((msOf(today) - msOf(establishedOn)) / DAY / 2))),
      establishedOn,
    });
  }
  return companies;
}

/** The registries' recent history as events: the births, deaths and companies of the last 60 days, in date order. */
function historyEvents(state: RegistryState, today: string): RegistryEvent[] {
  const since = addDays(today, -60);
  const regionOf = (householdNo: string) => state.households.find((h) => h.householdNo === householdNo)!.regionCode;
  const recorded = (day: string) => `${day}T02:00:00.000Z`;
  const dated: { day: string; recordedAt: string; event: RegistryEventBody }[] = [];
  for (const p of state.persons) {
    if (p.birthDate >= since && p.relation === 'child') {
      const parents = state.persons.filter((q) => q.householdNo === p.householdNo && (q.relation === 'head' || q.relation === 'spouse'));
      dated.push({
        day: p.birthDate,
        recordedAt: recorded(addDays(p.birthDate, 7)),
        event: {
          type: 'birth_registered',
          regionCode: regionOf(p.householdNo),
          child: { idNo: p.idNo, name: p.name, sex: p.sex, birthDate: p.birthDate },
          parents: parents.map((q) => ({ idNo: q.idNo, name: q.name, role: q.sex === 'male' ? 'father' : 'mother' })),
          householdNo: p.householdNo,
        },
      });
    }
    if (p.deathDate && p.deathDate >= since) {
      dated.push({
        day: p.deathDate,
        recordedAt: recorded(addDays(p.deathDate, 2)),
        event: { type: 'death_registered', regionCode: regionOf(p.householdNo), person: { idNo: p.idNo, name: p.name }, deathDate: p.deathDate },
      });
    }
  }
  for (const c of state.companies) {
    if (c.establishedOn < since) continue;
    dated.push({
      day: c.establishedOn,
      recordedAt: recorded(c.establishedOn),
      event: {
        type: 'company_established',
        regionCode: c.regionCode,
        company: { creditCode: c.creditCode, name: c.name, type: c.type, legalRepresentative: c.legalRepresentative },
        establishedOn: c.establishedOn,
      },
    });
  }
  // recorded in the past only: an event dated after today waits (a birth is registered a week after it)
  return dated
    .filter((d) => d.recordedAt.slice(0, 10) <= today)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))
    .map((d, i) => ({ ...d.event, recordedAt: d.recordedAt, eventId: eventIdOf(i + 1), cursor: String(i + 1) }) as RegistryEvent);
}

export const eventIdOf = (seq: number) => `REG-${String(seq).padStart(8, '0')}`;
