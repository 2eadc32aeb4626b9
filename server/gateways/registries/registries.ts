/**
 * 人口库 and 法人库 (the population and legal-person registries), as the platform codes against them:
 * look a natural person up by 居民身份证号码, a legal person by 统一社会信用代码, find the people born
 * between two days (高龄津贴's birthdays), and read the registries' events after a cursor (出生登记,
 * 死亡登记, 企业设立登记: what 免申即享 reacts to). The sandbox adapter (./sandbox-registries.ts) speaks
 * to the sandbox service (./sandbox-service.ts) over signed HTTP; a real registry is another class.
 *
 * An unknown number is `null`, not an error; an outage, a timeout or a 5xx is GatewayUnavailableError,
 * a refused request GatewayRejectedError (../gateway-errors.ts).
 */

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

/** 婚姻状况 */
export const MARITAL_STATUSES = ['unmarried', 'married', 'divorced', 'widowed'] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];

/** 与户主关系 (GB/T 4761 grouped): the head, a spouse, a child, a parent, a grandchild, anyone else */
export const HOUSEHOLD_RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'other'] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

/** 残疾类别 (GB/T 26341): 视力, 听力, 言语, 肢体, 智力, 精神, 多重 */
export const DISABILITY_CATEGORIES = ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'] as const;
export type DisabilityCategory = (typeof DISABILITY_CATEGORIES)[number];

/** 残疾人证 (第二代): its number is the ID number, the category's digit (1–7) and the level's (1–4). */
export interface DisabilityCertificate {
  certificateNo: string;
  category: DisabilityCategory;
  /** 1 is the most severe (一级) … 4 the least */
  level: 1 | 2 | 3 | 4;
  issuedOn: string;
}

export interface HouseholdMember {
  idNo: string;
  name: string;
  relation: HouseholdRelation;
  alive: boolean;
}

/** 户: the household register the person is in. */
export interface Household {
  /** 户号 */
  householdNo: string;
  /** 户籍地址 */
  address: string;
  /** 户籍地 GB/T 2260 county code, e.g. 430102 */
  regionCode: string;
  /** this person's relation to the head */
  relation: HouseholdRelation;
  /** everyone in the register, this person too, the head first */
  members: HouseholdMember[];
}

/** One natural person as the 人口库 answers. Dates are YYYY-MM-DD, Beijing days. */
export interface PersonRecord {
  idNo: string;
  name: string;
  sex: Sex;
  birthDate: string;
  status: 'alive' | 'deceased';
  deathDate: string | null;
  maritalStatus: MaritalStatus;
  disability: DisabilityCertificate | null;
  household: Household;
}

/** 市场主体类型: the kinds a 法人库 distinguishes (the credit code's 2nd character tells 企业 1, 个体 2, 合作社 3) */
export const COMPANY_TYPES = ['limited_liability', 'joint_stock', 'sole_proprietorship', 'partnership', 'individual_business', 'farmers_cooperative'] as const;
export type CompanyType = (typeof COMPANY_TYPES)[number];

/** 登记状态: 存续 (in business), 注销 (deregistered), 吊销 (licence revoked) */
export const COMPANY_STATUSES = ['active', 'deregistered', 'revoked'] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

export interface CompanyRecord {
  creditCode: string;
  name: string;
  type: CompanyType;
  legalRepresentative: { name: string; idNo: string };
  /** 注册资本 (or 资金数额 of a 个体工商户) in yuan; null where none is declared */
  registeredCapitalYuan: number | null;
  address: string;
  regionCode: string;
  businessScope: string;
  status: CompanyStatus;
  /** the day the status other than 存续 took effect */
  statusChangedOn: string | null;
  establishedOn: string;
}

export const REGISTRY_EVENT_TYPES = ['birth_registered', 'death_registered', 'company_established'] as const;
export type RegistryEventType = (typeof REGISTRY_EVENT_TYPES)[number];

interface EventBase {
  /** unique and stable: a consumer dedupes by it */
  eventId: string;
  /** the cursor this event is at: eventsAfter(cursor) answers the events after it */
  cursor: string;
  /** when the registry recorded it (ISO instant) */
  recordedAt: string;
  /** where: the county of the register */
  regionCode: string;
}

/** 出生登记: a child entered in a household register, with its parents. */
export interface BirthRegistered extends EventBase {
  type: 'birth_registered';
  child: { idNo: string; name: string; sex: Sex; birthDate: string };
  parents: { idNo: string; name: string; role: 'father' | 'mother' }[];
  householdNo: string;
}

/** 死亡登记 (户口注销): the person and the day of death. */
export interface DeathRegistered extends EventBase {
  type: 'death_registered';
  person: { idNo: string; name: string };
  deathDate: string;
}

/** 企业设立登记: a new market entity. */
export interface CompanyEstablished extends EventBase {
  type: 'company_established';
  company: { creditCode: string; name: string; type: CompanyType; legalRepresentative: { name: string; idNo: string } };
  establishedOn: string;
}

export type RegistryEvent = BirthRegistered | DeathRegistered | CompanyEstablished;

/** The people a cohort query finds: enough to look each up. */
export interface PersonSummary {
  idNo: string;
  name: string;
  birthDate: string;
  regionCode: string;
  status: 'alive' | 'deceased';
}

export interface CohortQuery {
  /** born on or after (YYYY-MM-DD) */
  bornFrom: string;
  /** born on or before */
  bornTo: string;
  /** only this county (6 digits) or city (its first 4 digits, e.g. 4301) */
  regionCode?: string;
  /** only the living (the default) */
  aliveOnly?: boolean;
}

/** The most events one eventsAfter answers; the most people one cohort page holds. */
export const MAX_EVENTS = 500;
export const MAX_COHORT = 500;

export interface Registries {
  /** 人口库: the person with that 居民身份证号码, or null when the registry has none */
  person(idNo: string): Promise<PersonRecord | null>;
  /** 法人库: the market entity with that 统一社会信用代码, or null */
  company(creditCode: string): Promise<CompanyRecord | null>;
  /** 人口库: the people born between two days (both included), oldest first, a page at a time */
  personsBorn(query: CohortQuery, page?: { offset: number; limit: number }): Promise<{ total: number; persons: PersonSummary[] }>;
  /** The events recorded after the cursor (null: from the first), oldest first; `cursor` is where to ask next. */
  eventsAfter(cursor: string | null, limit?: number): Promise<{ events: RegistryEvent[]; cursor: string | null }>;
}

/** An event as a registration makes it, before the registry numbers and stamps it. */
export type RegistryEventBody = RegistryEvent extends infer E ? (E extends RegistryEvent ? Omit<E, 'eventId' | 'cursor' | 'recordedAt'> : never) : never;
