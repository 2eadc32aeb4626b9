import { isValidResidentIdNumber } from '../../../contract/validation/id-numbers.ts';
import { invalidInput, sandboxConflict, sandboxNotFound } from '../sandbox/sandbox-error.ts';
import type { Population } from '../identity/population.ts';
import {
  MAX_EVENTS,
  type CohortQuery,
  type CompanyRecord,
  type CompanyType,
  type HouseholdRelation,
  type PersonRecord,
  type PersonSummary,
  type RegistryEvent,
  type RegistryEventBody,
  type Sex,
} from './registries.ts';
import {
  addDays,
  addressIn,
  ageOn,
  eventIdOf,
  generateRegistry,
  NumberMaker,
  seededRandom,
  type RegistryState,
  type StoredPerson,
} from './sandbox-generate.ts';

/**
 * What the sandbox registries hold and how it changes: the records (./sandbox-generate.ts makes the
 * first), the answers to lookups, and the registrations a test or a demo makes (出生登记, 死亡登记,
 * 企业设立登记), each of which appends its event to the feed. Saved whole on every change.
 */
export class RegistryBook {
  private readonly numbers: NumberMaker;

  constructor(
    private readonly state: RegistryState,
    private readonly save: () => void,
  ) {
    const taken = new Set([...state.persons.map((p) => p.idNo), ...state.companies.map((c) => c.creditCode)]);
    // a registration's numbers differ from the generated ones and from one run to the next
    this.numbers = new NumberMaker(taken, seededRandom(Date.now() % 2_147_483_647), state.households.length);
  }

  static generate(population: Population, today: string): RegistryState {
    return generateRegistry(population, today);
  }

  get counts() {
    const alive = this.state.persons.filter((p) => p.status === 'alive').length;
    return {
      persons: this.state.persons.length,
      alive,
      deceased: this.state.persons.length - alive,
      disabled: this.state.persons.filter((p) => p.disability).length,
      households: this.state.households.length,
      companies: this.state.companies.length,
      events: this.state.events.length,
    };
  }

  private stored(idNo: string): StoredPerson | undefined {
    return this.state.persons.find((p) => p.idNo === idNo);
  }

  person(idNo: string): PersonRecord | undefined {
    const p = this.stored(idNo);
    if (!p) return undefined;
    const household = this.state.households.find((h) => h.householdNo === p.householdNo)!;
    const members = this.state.persons
      .filter((m) => m.householdNo === p.householdNo)
      .sort((a, b) => Number(b.relation === 'head') - Number(a.relation === 'head'))
      .map((m) => ({ idNo: m.idNo, name: m.name, relation: m.relation, alive: m.status === 'alive' }));
    return structuredClone({
      idNo: p.idNo,
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate,
      status: p.status,
      deathDate: p.deathDate,
      maritalStatus: p.maritalStatus,
      disability: p.disability,
      household: { ...household, relation: p.relation, members },
    });
  }

  company(creditCode: string): CompanyRecord | undefined {
    const company = this.state.companies.find((c) => c.creditCode === creditCode);
    return company ? structuredClone(company) : undefined;
  }

  personsBorn(query: CohortQuery, offset: number, limit: number): { total: number; persons: PersonSummary[] } {
    const regionOf = new Map(this.state.households.map((h) => [h.householdNo, h.regionCode]));
    const found = this.state.persons
      .filter((p) => p.birthDate >= query.bornFrom && p.birthDate <= query.bornTo)
      .filter((p) => !(query.aliveOnly ?? true) || p.status === 'alive')
      .map((p) => ({ idNo: p.idNo, name: p.name, birthDate: p.birthDate, regionCode: regionOf.get(p.householdNo)!, status: p.status }))
      .filter((p) => !query.regionCode || p.regionCode.startsWith(query.regionCode))
      .sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.idNo.localeCompare(b.idNo));
    return { total: found.length, persons: found.slice(offset, offset + limit) };
  }

  eventsAfter(cursor: number, limit = MAX_EVENTS): RegistryEvent[] {
    return structuredClone(this.state.events.filter((e) => Number(e.cursor) > cursor).slice(0, limit));
  }

  private append(event: RegistryEventBody): RegistryEvent {
    const seq = this.state.nextEvent++;
    const full = { ...event, eventId: eventIdOf(seq), cursor: String(seq), recordedAt: new Date().toISOString() } as RegistryEvent;
    this.state.events.push(full);
    return structuredClone(full);
  }

  private living(idNo: string, field: string): StoredPerson {
    const p = this.stored(idNo);
    if (!p) throw sandboxNotFound('person_not_found', `${field}：人口库中没有该身份证号码`, `${field}: the population registry has no such ID number`);
    if (p.status !== 'alive') throw sandboxConflict('person_deceased', `${field}：该人员已死亡注销`, `${field}: that person is registered as deceased`);
    return p;
  }

  /** 出生登记: the child is entered in the mother's household (the father's when she has none here). */
  registerBirth(input: { motherIdNo: string; fatherIdNo?: string; name: string; sex: Sex; birthDate: string }, today: string): RegistryEvent {
    const mother = this.living(input.motherIdNo, 'motherIdNo');
    if (mother.sex !== 'female') throw invalidInput('motherIdNo', '应为女性的身份证号码', 'must be a woman’s ID number');
    const father = input.fatherIdNo ? this.living(input.fatherIdNo, 'fatherIdNo') : undefined;
    if (father && father.sex !== 'male') throw invalidInput('fatherIdNo', '应为男性的身份证号码', 'must be a man’s ID number');
    if (input.birthDate > today || input.birthDate < addDays(today, -366)) {
      throw invalidInput('birthDate', '应为今天或一年之内的日期', 'must be today or within the last year');
    }
    const motherAge = ageOn(mother.birthDate, input.birthDate);
    if (motherAge < 15 || motherAge > 55)
      throw invalidInput('motherIdNo', '母亲在出生日的年龄应为 15 至 55 岁', 'the mother must be 15 to 55 years old on the birth date');
    const household = this.state.households.find((h) => h.householdNo === mother.householdNo)!;
    const relation: HouseholdRelation =
      mother.relation === 'head' || mother.relation === 'spouse' ? 'child' : mother.relation === 'child' ? 'grandchild' : 'other';
    const child: StoredPerson = {
      idNo: this.numbers.idNo(household.regionCode, input.birthDate, input.sex),
      name: input.name,
      sex: input.sex,
      birthDate: input.birthDate,
      status: 'alive',
      deathDate: null,
      maritalStatus: 'unmarried',
      disability: null,
      householdNo: household.householdNo,
      relation,
    };
    if (!isValidResidentIdNumber(child.idNo)) throw new Error(`sandbox registries made an invalid ID number for ${input.birthDate}`);
    this.state.persons.push(child);
    const event = this.append({
      type: 'birth_registered',
      regionCode: household.regionCode,
      child: { idNo: child.idNo, name: child.name, sex: child.sex, birthDate: child.birthDate },
      parents: [mother, ...(father ? [father] : [])].map((p) => ({
        idNo: p.idNo,
        name: p.name,
        role: p.sex === 'male' ? ('father' as const) : ('mother' as const),
      })),
      householdNo: household.householdNo,
    });
    this.save();
    return event;
  }

  /** 死亡登记: the person is deceased from that day; a spouse in the household becomes widowed. */
  registerDeath(input: { idNo: string; deathDate: string }, today: string): RegistryEvent {
    const person = this.living(input.idNo, 'idNo');
    if (input.deathDate > today || input.deathDate < person.birthDate) {
      throw invalidInput('deathDate', '应在出生日期之后且不晚于今天', 'must be after the birth date and not after today');
    }
    person.status = 'deceased';
    person.deathDate = input.deathDate;
    const spouseRelation = person.relation === 'head' ? 'spouse' : person.relation === 'spouse' ? 'head' : undefined;
    for (const other of this.state.persons) {
      if (spouseRelation && other.householdNo === person.householdNo && other.relation === spouseRelation && other.maritalStatus === 'married') {
        other.maritalStatus = 'widowed';
      }
    }
    const regionCode = this.state.households.find((h) => h.householdNo === person.householdNo)!.regionCode;
    const event = this.append({ type: 'death_registered', regionCode, person: { idNo: person.idNo, name: person.name }, deathDate: input.deathDate });
    this.save();
    return event;
  }

  /** 企业设立登记: a new entity in 存续, its credit code made here. */
  registerCompany(
    input: {
      name: string;
      type: CompanyType;
      legalRepresentativeIdNo: string;
      regionCode: string;
      businessScope: string;
      registeredCapitalYuan: number | null;
      address?: string;
    },
    today: string,
  ): { company: CompanyRecord; event: RegistryEvent } {
    const representative = this.living(input.legalRepresentativeIdNo, 'legalRepresentativeIdNo');
    if (ageOn(representative.birthDate, today) < 18) {
      throw invalidInput('legalRepresentativeIdNo', '法定代表人应年满 18 周岁', 'the legal representative must be 18 or older');
    }
    if (this.state.companies.some((c) => c.name === input.name && c.status === 'active')) {
      throw sandboxConflict('name_taken', '已有同名的存续市场主体', 'An entity in business already has that name');
    }
    const company: CompanyRecord = {
      creditCode: this.numbers.creditCode(input.type, input.regionCode),
      name: input.name,
      type: input.type,
      legalRepresentative: { name: representative.name, idNo: representative.idNo },
      registeredCapitalYuan: input.registeredCapitalYuan,
      address: input.address ?? addressIn(seededRandom(this.state.companies.length), input.regionCode),
      regionCode: input.regionCode,
      businessScope: input.businessScope,
      status: 'active',
      statusChangedOn: null,
      establishedOn: today,
    };
    this.state.companies.push(company);
    const event = this.append({
      type: 'company_established',
      regionCode: company.regionCode,
      company: { creditCode: company.creditCode, name: company.name, type: company.type, legalRepresentative: company.legalRepresentative },
      establishedOn: today,
    });
    this.save();
    return { company: structuredClone(company), event };
  }

  /**
   * A person the identity sandbox knows but these records do not (added there after they were
   * made): entered as the head of a household of their own in the county of their ID number, so
   * whoever signs in is found here too.
   */
  adoptPerson(known: { idNo: string; name: string }): PersonRecord {
    if (!this.stored(known.idNo)) {
      const regionCode = known.idNo.slice(0, 6);
      const household = {
        householdNo: this.numbers.householdNo(regionCode),
        address: addressIn(seededRandom(this.state.households.length), regionCode),
        regionCode,
      };
      this.state.households.push(household);
      this.state.persons.push({
        idNo: known.idNo,
        name: known.name,
        sex: Number(known.idNo[16]) % 2 === 1 ? 'male' : 'female',
        birthDate: `${known.idNo.slice(6, 10)}-${known.idNo.slice(10, 12)}-${known.idNo.slice(12, 14)}`,
        status: 'alive',
        deathDate: null,
        maritalStatus: 'unmarried',
        disability: null,
        householdNo: household.householdNo,
        relation: 'head',
      });
      this.save();
    }
    return this.person(known.idNo)!;
  }

  /** Likewise a company of the identity sandbox's: a 存续 entity from today (its representative adopted too). */
  adoptCompany(known: { creditCode: string; name: string; legalRepresentative: { idNo: string; name: string } }, today: string): CompanyRecord {
    if (!this.company(known.creditCode)) {
      this.adoptPerson(known.legalRepresentative);
      const regionCode = known.creditCode.slice(2, 8);
      const type: CompanyType = known.creditCode[1] === '2' ? 'individual_business' : known.creditCode[1] === '3' ? 'farmers_cooperative' : 'limited_liability';
      this.state.companies.push({
        creditCode: known.creditCode,
        name: known.name,
        type,
        legalRepresentative: { name: known.legalRepresentative.name, idNo: known.legalRepresentative.idNo },
        registeredCapitalYuan: null,
        address: addressIn(seededRandom(this.state.companies.length), regionCode),
        regionCode,
        businessScope: '一般项目：（以登记机关核准的经营范围为准）',
        status: 'active',
        statusChangedOn: null,
        establishedOn: today,
      });
      this.save();
    }
    return this.company(known.creditCode)!;
  }

  /** Everyone, for the control API and the page (a sandbox's own view; the real API answers one number at a time). */
  all(): { persons: PersonSummary[]; companies: CompanyRecord[] } {
    const regionOf = new Map(this.state.households.map((h) => [h.householdNo, h.regionCode]));
    return {
      persons: this.state.persons.map((p) => ({
        idNo: p.idNo,
        name: p.name,
        birthDate: p.birthDate,
        regionCode: regionOf.get(p.householdNo)!,
        status: p.status,
      })),
      companies: structuredClone(this.state.companies),
    };
  }
}
