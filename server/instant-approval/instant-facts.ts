import { shanghaiDay } from '../calendar/index.ts';
import { sharedDataOf, type CompanyRecord, type PersonRecord } from '../shared-data/index.ts';
import type { Config } from '../config/schema.ts';
import type { InstantCheck } from '../../contract/catalog/instant-approval.ts';

/** The system actor of 秒批's lookups, as the query log shows it. */
export const INSTANT_ACTOR = 'worker:instant-approval';

/** What one check found: its outcome and the facts it establishes (contract/catalog/instant-approval.ts names them). */
export interface CheckFinding {
  subject: string;
  registry: InstantCheck['registry'];
  /** found; not_found (the registry has no such number); invalid (the form's value is no valid number) */
  outcome: 'found' | 'not_found' | 'invalid';
  facts: Record<string, unknown>;
}

/** A subject's facts as the decision reads them: `<subject><Fact>` (operatorFound, childAgeMonths …). */
export const factsOf = (subject: string, facts: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(facts).map(([suffix, value]) => [`${subject}${suffix}`, value]));

/** Whole years and months from a birth day to a day (YYYY-MM-DD), as one's age is counted. */
export function ageOn(birthDate: string, day: string): { years: number; months: number } {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const months = (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
  return { years: Math.floor(months / 12), months };
}

/** 父母: the applicant is the subject's parent in their household register (relations are to the head). */
function applicantIsParent(person: PersonRecord, applicantIdNo: string): boolean {
  const applicant = person.household.members.find((m) => m.idNo === applicantIdNo);
  if (!applicant) return false;
  const parentOf: Record<string, string[]> = { head: ['child'], spouse: ['child'], child: ['grandchild'], parent: ['head'] };
  return (parentOf[applicant.relation] ?? []).includes(person.household.relation);
}

const sameCity = (regionCode: string, cityCode: string) => regionCode.slice(0, 4) === cityCode.slice(0, 4);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function personFacts(p: PersonRecord | null, name: string, applicantIdNo: string, today: string, city: string) {
  const age = p ? ageOn(p.birthDate, today) : null;
  return {
    Found: p !== null,
    NameMatches: p !== null && name !== '' && p.name === name,
    Alive: p?.status === 'alive',
    AgeYears: age?.years ?? null,
    AgeMonths: age?.months ?? null,
    LocalHousehold: p !== null && sameCity(p.household.regionCode, city),
    IsApplicant: p !== null && p.idNo === applicantIdNo,
    ApplicantIsParent: p !== null && applicantIsParent(p, applicantIdNo),
    DisabilityLevel: p?.disability?.level ?? null,
  };
}

export function companyFacts(c: CompanyRecord | null, name: string, applicantIdNo: string, city: string) {
  return {
    Found: c !== null,
    NameMatches: c !== null && name !== '' && c.name === name,
    Active: c?.status === 'active',
    Type: c?.type ?? null,
    RepresentativeIsApplicant: c !== null && c.legalRepresentative.idNo === applicantIdNo,
    LocalRegistration: c !== null && sameCity(c.regionCode, city),
    RegisteredCapitalWan: typeof c?.registeredCapitalYuan === 'number' ? Math.floor(c.registeredCapitalYuan / 10_000) : null,
  };
}

/**
 * 审批环节核查共享数据: each check's number looked up in its registry (recorded in the query log with
 * the case) and turned into facts for the decision table. A number that is not valid is `invalid`
 * and asks nothing; an outage throws SharedDataUnavailableError (nothing is decided on half the data).
 */
export async function verifyAgainstSharedData(
  checks: readonly InstantCheck[],
  c: { caseNo: string; form: Record<string, unknown>; applicantIdNo: string },
  config: Pick<Config, 'registries' | 'regionCode'>,
  now = new Date(),
): Promise<CheckFinding[]> {
  const shared = sharedDataOf(config);
  const today = shanghaiDay(now);
  const findings: CheckFinding[] = [];
  for (const check of checks) {
    const number = text(c.form[check.numberField]).toUpperCase();
    const name = check.nameField ? text(c.form[check.nameField]) : '';
    const context = { actor: INSTANT_ACTOR, caseNo: c.caseNo, purpose: `秒批：核验${check.subject}（${check.numberField}）` };
    let facts: Record<string, unknown>;
    let outcome: CheckFinding['outcome'];
    try {
      if (check.registry === 'population') {
        const person = await shared.lookupPerson(number, context);
        facts = personFacts(person, name, c.applicantIdNo, today, config.regionCode);
        outcome = person ? 'found' : 'not_found';
      } else {
        const company = await shared.lookupCompany(number, context);
        facts = companyFacts(company, name, c.applicantIdNo, config.regionCode);
        outcome = company ? 'found' : 'not_found';
      }
    } catch (err) {
      // a number that is no valid ID number or credit code (422 before any lookup): nothing found
      if ((err as { status?: number }).status !== 422) throw err;
      facts =
        check.registry === 'population'
          ? personFacts(null, name, c.applicantIdNo, today, config.regionCode)
          : companyFacts(null, name, c.applicantIdNo, config.regionCode);
      outcome = 'invalid';
    }
    findings.push({
      subject: check.subject,
      registry: check.registry,
      outcome,
      facts: factsOf(check.subject, facts),
    });
  }
  return findings;
}
