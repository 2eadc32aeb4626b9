import { randomBytes } from 'node:crypto';
import { isValidCreditCode, isValidMobile, isValidResidentIdNumber } from '../../../contract/validation/id-numbers.ts';
import { invalidInput, sandboxConflict, sandboxNotFound } from '../sandbox/sandbox-error.ts';

/**
 * The sandbox's population: the natural persons (人口库) and legal persons (法人库) its identity
 * provider signs in and its real-name check knows. Kept in the sandbox's JSON file, so a restarted
 * platform finds the same people with the same subjects.
 */

/** 实名等级 as the national platform grades it: L1 self-declared … L4 in person (face and card). */
export const REAL_NAME_LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;
export type RealNameLevel = (typeof REAL_NAME_LEVELS)[number];

/** What an agent may do for the company (授权范围): apply, pay fees, receive results. */
export const AUTHORIZATION_SCOPES = ['apply', 'pay', 'receive'] as const;
export type AuthorizationScope = (typeof AUTHORIZATION_SCOPES)[number];

export interface NaturalPerson {
  /** the provider's subject, stable for ever */
  sub: string;
  name: string;
  /** 居民身份证号码 (GB 11643, check digit right) */
  idNo: string;
  phone: string;
  realNameLevel: RealNameLevel;
}

/** An agent's authorisation (授权委托) by the company: what, from when, until when. */
export interface Authorization {
  id: string;
  scope: AuthorizationScope[];
  validFrom: string;
  validUntil: string;
}

export interface Agent {
  /** the natural person (their `sub`) */
  person: string;
  authorization: Authorization;
}

export interface LegalPerson {
  /** the company's key in the sandbox (part of its representatives' subjects) */
  key: string;
  name: string;
  /** 统一社会信用代码 (GB 32100-2015, check character right) */
  creditCode: string;
  /** the legal representative (法定代表人 / 经营者): a natural person's `sub` */
  legalRepresentative: string;
  agents: Agent[];
}

export interface Population {
  persons: NaturalPerson[];
  companies: LegalPerson[];
}

/** Who signs in: a natural person for themself, or a natural person for a company (as its legal representative or an agent). */
export type Subject =
  | { kind: 'natural_person'; sub: string; person: NaturalPerson }
  | {
      kind: 'legal_person';
      sub: string;
      person: NaturalPerson;
      company: LegalPerson;
      actingAs: 'legal_representative' | 'agent';
      authorization: Authorization | null;
    };

const DAY = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * The first population: 张三 is the embedded default's demo applicant (the same ID number, so his
 * unified sign-in finds his account); the restaurant company has a legal representative, an agent
 * whose authorisation runs and one whose authorisation has expired.
 */
export function defaultPopulation(now = Date.now()): Population {
  const person = (sub: string, name: string, idNo: string, phone: string, realNameLevel: RealNameLevel): NaturalPerson => ({
    sub,
    name,
    idNo,
    phone,
    realNameLevel,
  });
  return {
    persons: [
      person('np-zhangsan', '张三', '430102199003071234', '13800138000', 'L3'),
      person('np-lisi', '李四', '430102198506120021', '13900139001', 'L2'),
      person('np-wangwu', '王五', '430105199211200036', '13700137002', 'L3'),
      person('np-zhaoliu', '赵六', '430103197804150044', '13600136003', 'L3'),
      person('np-sunqi', '孙七', '43011119880808005X', '13500135004', 'L2'),
      person('np-zhouba', '周八', '430104199501010066', '13300133005', 'L3'),
      person('np-wujiu', '吴九', '430121197002200073', '13200132006', 'L1'),
    ],
    companies: [
      {
        key: 'lp-furong-catering',
        name: '长沙芙蓉示范餐饮有限公司',
        creditCode: '91430100MA4L1A2B3F',
        legalRepresentative: 'np-zhaoliu',
        agents: [
          {
            person: 'np-wangwu',
            authorization: { id: 'SQ-2026-0001', scope: ['apply', 'pay', 'receive'], validFrom: isoDay(now - 30 * DAY), validUntil: isoDay(now + 365 * DAY) },
          },
          {
            person: 'np-sunqi',
            authorization: { id: 'SQ-2025-0007', scope: ['apply'], validFrom: isoDay(now - 400 * DAY), validUntil: isoDay(now - 35 * DAY) },
          },
        ],
      },
      { key: 'lp-tianxin-market', name: '长沙天心便民超市有限公司', creditCode: '91430102MA4Q7C8D9A', legalRepresentative: 'np-lisi', agents: [] },
      { key: 'lp-kaifu-snacks', name: '开福区周八小吃店', creditCode: '92430105MA4P2E3F4X', legalRepresentative: 'np-zhouba', agents: [] },
    ],
  };
}

/** An authorisation in force on that day (Asia/Shanghai dates, both ends included). */
export function authorizationInForce(authorization: Authorization, now = Date.now()): boolean {
  const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  return authorization.validFrom <= today && today <= authorization.validUntil;
}

const NAME = /^[\p{Script=Han}·A-Za-z][\p{Script=Han}·A-Za-z .]{0,29}$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PopulationBook {
  constructor(
    private readonly population: Population,
    private readonly save: () => void,
  ) {
    for (const person of population.persons) checkPerson(person);
    for (const company of population.companies) checkCompany(company, (sub) => this.person(sub));
  }

  get snapshot(): Population {
    return structuredClone(this.population);
  }

  person(sub: string): NaturalPerson {
    const person = this.population.persons.find((p) => p.sub === sub);
    if (!person) throw sandboxNotFound('person_not_found', `没有该自然人：${sub}`, `No such natural person: ${sub}`);
    return person;
  }

  personByIdNo(idNo: string): NaturalPerson | undefined {
    return this.population.persons.find((p) => p.idNo === idNo);
  }

  company(key: string): LegalPerson {
    const company = this.population.companies.find((c) => c.key === key);
    if (!company) throw sandboxNotFound('company_not_found', `没有该法人：${key}`, `No such legal person: ${key}`);
    return company;
  }

  /**
   * The subject of a sign-in: `np-…` a natural person; `<company key>~<person sub>` that person
   * for the company, as its legal representative or one of its agents.
   */
  subject(sub: string): Subject {
    const [companyKey, personSub] = sub.includes('~') ? sub.split('~', 2) : [undefined, sub];
    const person = this.person(personSub!);
    if (!companyKey) return { kind: 'natural_person', sub, person };
    const company = this.company(companyKey);
    if (company.legalRepresentative === person.sub) {
      return { kind: 'legal_person', sub, person, company, actingAs: 'legal_representative', authorization: null };
    }
    const agent = company.agents.find((a) => a.person === person.sub);
    if (!agent) throw sandboxNotFound('representation_not_found', `${person.name} 不代表 ${company.name}`, `${person.name} does not represent ${company.name}`);
    return { kind: 'legal_person', sub, person, company, actingAs: 'agent', authorization: agent.authorization };
  }

  /** Everyone who may sign in for a company: its legal representative, then its agents. */
  representativesOf(company: LegalPerson): Subject[] {
    return [company.legalRepresentative, ...company.agents.map((a) => a.person)].map((p) => this.subject(`${company.key}~${p}`));
  }

  addPerson(input: Omit<NaturalPerson, 'sub'>): NaturalPerson {
    const person: NaturalPerson = { sub: `np-${randomBytes(6).toString('hex')}`, ...input };
    checkPerson(person);
    if (this.personByIdNo(person.idNo)) throw sandboxConflict('person_exists', '该身份证号码已在人口库中', 'That ID number is already in the population');
    this.population.persons.push(person);
    this.save();
    return structuredClone(person);
  }

  addCompany(input: Omit<LegalPerson, 'key' | 'agents'>): LegalPerson {
    const company: LegalPerson = { key: `lp-${randomBytes(6).toString('hex')}`, agents: [], ...input };
    checkCompany(company, (sub) => this.person(sub));
    if (this.population.companies.some((c) => c.creditCode === company.creditCode)) {
      throw sandboxConflict('company_exists', '该统一社会信用代码已在法人库中', 'That credit code is already in the registry');
    }
    this.population.companies.push(company);
    this.save();
    return structuredClone(company);
  }

  /** Authorises a person to act for the company (replacing an earlier authorisation of theirs). */
  authorize(companyKey: string, agent: Agent): LegalPerson {
    const company = this.company(companyKey);
    this.person(agent.person);
    if (company.legalRepresentative === agent.person) {
      throw sandboxConflict('is_legal_representative', '法定代表人无需授权', 'The legal representative needs no authorisation');
    }
    checkAuthorization(agent.authorization);
    company.agents = [...company.agents.filter((a) => a.person !== agent.person), agent];
    this.save();
    return structuredClone(company);
  }
}

function checkPerson(p: NaturalPerson): void {
  if (!NAME.test(p.name)) throw invalidInput('name', '应为 1 至 30 个汉字或字母', 'must be 1 to 30 letters or Chinese characters');
  if (!isValidResidentIdNumber(p.idNo)) throw invalidInput('idNo', '不是有效的居民身份证号码（校验位不符）', 'is not a valid resident ID number (check digit)');
  if (!isValidMobile(p.phone)) throw invalidInput('phone', '应为 11 位手机号码', 'must be an 11-digit mobile number');
  if (!(REAL_NAME_LEVELS as readonly string[]).includes(p.realNameLevel)) {
    throw invalidInput('realNameLevel', `应为 ${REAL_NAME_LEVELS.join('、')} 之一`, `must be one of ${REAL_NAME_LEVELS.join(', ')}`);
  }
}

function checkAuthorization(a: Authorization): void {
  if (!a.id || a.id.length > 40) throw invalidInput('authorization.id', '应为 1 至 40 个字符', 'must be 1 to 40 characters');
  if (!a.scope.length || a.scope.some((s) => !(AUTHORIZATION_SCOPES as readonly string[]).includes(s))) {
    throw invalidInput('authorization.scope', `应为 ${AUTHORIZATION_SCOPES.join('、')} 中的一项或多项`, `must list some of ${AUTHORIZATION_SCOPES.join(', ')}`);
  }
  if (!DATE.test(a.validFrom) || !DATE.test(a.validUntil) || a.validFrom > a.validUntil) {
    throw invalidInput('authorization.validUntil', '有效期应为 YYYY-MM-DD，且不早于起始日', 'must be YYYY-MM-DD, not before validFrom');
  }
}

function checkCompany(c: LegalPerson, person: (sub: string) => NaturalPerson): void {
  if (!c.name || [...c.name].length > 60) throw invalidInput('name', '应为 1 至 60 个字符', 'must be 1 to 60 characters');
  if (!isValidCreditCode(c.creditCode)) {
    throw invalidInput(
      'creditCode',
      '不是有效的统一社会信用代码（GB 32100-2015 校验码不符）',
      'is not a valid unified social credit code (GB 32100-2015 check character)',
    );
  }
  person(c.legalRepresentative);
  for (const agent of c.agents) {
    person(agent.person);
    checkAuthorization(agent.authorization);
  }
}
