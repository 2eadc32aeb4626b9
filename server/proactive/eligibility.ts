import type { EngineClient } from '../engine/client.ts';
import { shanghaiDay } from '../calendar/index.ts';
import { companyFacts, factsOf, personFacts } from '../instant-approval/index.ts';
import { decideByTable, type TableDecision } from '../rules/index.ts';
import type { CompanyRecord, PersonRecord } from '../shared-data/index.ts';
import type { ProactivePolicy } from '../../contract/proactive/policy.ts';

/** Whom a policy's rule is about: a person of the 人口库, or a company of the 法人库 (惠企). */
export type Subject = PersonRecord | CompanyRecord;

export const isCompany = (s: Subject): s is CompanyRecord => 'creditCode' in s;

/** The subject's number: a person's 居民身份证号码, a company's 统一社会信用代码. */
export const numberOf = (s: Subject): string => (isCompany(s) ? s.creditCode : s.idNo);

/** Who the benefit would go to: the subject, or a parent of a child born, or the company. */
export interface Recipient {
  /** a person's ID number, a company's credit code */
  idNo: string;
  name: string;
  /** self, father, mother; company */
  relation: string;
}

/** A parent of a child born, as the registry's event names them. */
export interface Parent {
  idNo: string;
  name: string;
  role: 'father' | 'mother';
}

/**
 * The parents in a person's household register (relations are to the head: a child's are the head
 * and the spouse), father or mother by the ID number's 17th digit (GB 11643: odd for a man).
 */
export function parentsOf(p: PersonRecord): Parent[] {
  const relation = p.household.relation;
  const of = relation === 'child' ? ['head', 'spouse'] : relation === 'grandchild' ? ['child'] : relation === 'head' ? ['parent'] : [];
  return p.household.members
    .filter((m) => of.includes(m.relation) && m.idNo !== p.idNo)
    .map((m) => ({ idNo: m.idNo, name: m.name, role: Number(m.idNo[16]) % 2 === 1 ? ('father' as const) : ('mother' as const) }));
}

/** A policy's rule for one person: eligible when every rule hit says approve (the 秒批 contract). */
export interface Eligibility {
  eligible: boolean;
  decision: TableDecision;
}

/**
 * The policy's decision over the registry's record of its subject, with the recipient as the
 * applicant (so `<subject>ApplicantIsParent` says whether a parent is one; a company is its own
 * applicant). The engine decides.
 */
export async function eligibilityOf(
  engine: EngineClient,
  policy: ProactivePolicy,
  subject: Subject,
  recipient: Recipient,
  cityCode: string,
): Promise<Eligibility> {
  const facts = isCompany(subject)
    ? companyFacts(subject, subject.name, recipient.idNo, cityCode)
    : personFacts(subject, subject.name, recipient.idNo, shanghaiDay(new Date()), cityCode);
  const values = factsOf(policy.subject, facts);
  const decision = await decideByTable(engine, policy.decision, values);
  return { eligible: decision.outputs.length > 0 && decision.outputs.every((o) => o.outcome === 'approve'), decision };
}
