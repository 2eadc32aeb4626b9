import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { submitCase } from '../cases/index.ts';
import type { FormSource, ProactivePolicy } from '../../contract/proactive/policy.ts';
import { isCompany, type Parent, type Recipient, type Subject } from './eligibility.ts';

/** A form value from the registry's records, as the policy maps it (a "=" prefix: the text itself). */
function valueOf(source: string, subject: Subject, recipient: Recipient, parents: Parent[], phone: string | null): unknown {
  if (source.startsWith('=')) return source.slice(1);
  const parent = (role: string) => parents.find((p) => p.role === role);
  const person = isCompany(subject) ? null : subject;
  const company = isCompany(subject) ? subject : null;
  const values: Record<FormSource, unknown> = {
    'subject.name': subject.name,
    'subject.idNo': person?.idNo ?? company?.creditCode,
    'subject.birthDate': person?.birthDate,
    'subject.sex': person?.sex,
    'subject.householdAddress': person?.household.address,
    'recipient.name': recipient.name,
    'recipient.idNo': recipient.idNo,
    'recipient.relation': recipient.relation,
    'recipient.phone': phone,
    'mother.name': parent('mother')?.name,
    'mother.idNo': parent('mother')?.idNo,
    'father.name': parent('father')?.name,
    'father.idNo': parent('father')?.idNo,
    'company.name': company?.name,
    'company.creditCode': company?.creditCode,
    'company.legalRepresentative': company?.legalRepresentative.name,
    'company.address': company?.address,
  };
  return values[source as FormSource];
}

/**
 * Opens the policy's case for the recipient, under their own account (accepting, or granted
 * directly): the form filled from the registries, the materials they stand in for recorded as
 * shared, the channel "proactive". A company's case is in the company's name (its credit code),
 * under the company's account that takes it up. Keyed on the offer: opened twice, it answers the
 * same case.
 */
export async function openProactiveCase(
  ctx: AppContext,
  policy: ProactivePolicy,
  offerId: number,
  subject: Subject,
  recipient: Recipient,
  parents: Parent[],
  account: Principal & { phone: string | null },
): Promise<string> {
  // a value the registries do not give (no father named) leaves the field out: the form's schema says whether it may be
  const form = Object.fromEntries(
    Object.entries(policy.form)
      .map(([field, source]) => [field, valueOf(source, subject, recipient, parents, account.phone)] as const)
      .filter(([, value]) => value !== undefined && value !== null),
  );
  const idType = recipient.relation === 'company' ? 'credit_code' : 'resident_id';
  const body = {
    itemCode: policy.itemCode,
    applicant: { name: recipient.name, idType, idNo: recipient.idNo, phone: account.phone ?? '' },
    form,
    materials: [],
  };
  const result = await submitCase(ctx, account, body, `proactive-offer-${offerId}`, {
    shared: policy.sharedMaterials.map((m) => ({ materialCode: m.code, source: m.source })),
  });
  return result.caseNo;
}
