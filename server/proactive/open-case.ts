import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { submitCase } from '../cases/index.ts';
import type { PersonRecord } from '../shared-data/index.ts';
import type { FormSource, ProactivePolicy } from '../../contract/proactive/policy.ts';
import type { Parent, Recipient } from './eligibility.ts';

/** A form value from the registry's records, as the policy maps it (a "=" prefix: the text itself). */
function valueOf(source: string, subject: PersonRecord, recipient: Recipient, parents: Parent[], phone: string | null): unknown {
  if (source.startsWith('=')) return source.slice(1);
  const parent = (role: string) => parents.find((p) => p.role === role);
  const values: Record<FormSource, unknown> = {
    'subject.name': subject.name,
    'subject.idNo': subject.idNo,
    'subject.birthDate': subject.birthDate,
    'subject.sex': subject.sex,
    'subject.householdAddress': subject.household.address,
    'recipient.name': recipient.name,
    'recipient.idNo': recipient.idNo,
    'recipient.relation': recipient.relation,
    'recipient.phone': phone,
    'mother.name': parent('mother')?.name,
    'mother.idNo': parent('mother')?.idNo,
    'father.name': parent('father')?.name,
    'father.idNo': parent('father')?.idNo,
  };
  return values[source as FormSource];
}

/**
 * Opens the policy's case for the recipient, under their own account (accepting, or granted
 * directly): the form filled from the registries, the materials they stand in for recorded as
 * shared, the channel "proactive". Keyed on the offer: opened twice, it answers the same case.
 */
export async function openProactiveCase(
  ctx: AppContext,
  policy: ProactivePolicy,
  offerId: number,
  subject: PersonRecord,
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
  const body = {
    itemCode: policy.itemCode,
    applicant: { name: recipient.name, idType: 'resident_id', idNo: recipient.idNo, phone: account.phone ?? '' },
    form,
    materials: [],
  };
  const result = await submitCase(ctx, account, body, `proactive-offer-${offerId}`, {
    shared: policy.sharedMaterials.map((m) => ({ materialCode: m.code, source: m.source })),
  });
  return result.caseNo;
}
