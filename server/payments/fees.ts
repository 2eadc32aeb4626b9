import type { FeeLine } from './payment.model.ts';
import type { Locale } from '../i18n/locale.ts';
import { itemVersion } from '../catalog/index.ts';
import { type CaseRecord, type CaseStatus, itemCasesOf } from '../cases/index.ts';

/**
 * The fees a case owes: its item's fee rules when the item was approved; for a bundle, the fees of
 * every approved item, paid once together (一次缴清). Refused items owe nothing.
 */
export async function feeLinesOf(c: CaseRecord): Promise<FeeLine[]> {
  // a bundle refused as a whole (rule refuse_bundle) issues nothing, so it charges nothing
  if (c.kind === 'bundle' && c.status === 'refused') return [];
  return linesOf(c, (k) => k.decision === 'approved');
}

/** Where a case stands when it will never owe anything: closed without a result, or past payment. */
const OWES_NOTHING_MORE: readonly CaseStatus[] = ['not_accepted', 'refused', 'withdrawn', 'terminated', 'delivering', 'delivered'];

/**
 * What a case not yet ordered to pay will owe once approved (收费 of its items, a bundle's items
 * not refused): the applicant knows the fee before the decision. Empty when it owes nothing.
 */
export async function feeLinesDueOnApproval(c: CaseRecord): Promise<FeeLine[]> {
  if (OWES_NOTHING_MORE.includes(c.status)) return [];
  return linesOf(c, (k) => k.decision !== 'refused');
}

async function linesOf(c: CaseRecord, charged: (itemCase: CaseRecord) => boolean): Promise<FeeLine[]> {
  const cases = c.kind === 'bundle' ? await itemCasesOf(c.id) : [c];
  const lines: FeeLine[] = [];
  for (const x of cases.filter(charged)) {
    const item = await itemVersion(x.itemCode, x.itemVersion);
    if (!item) throw new Error(`item ${x.itemCode} v${x.itemVersion} of case ${x.caseNo} is missing`);
    for (const fee of item.definition.fees)
      lines.push({
        caseNo: x.caseNo,
        itemCode: x.itemCode,
        name: fee.name,
        nameEn: fee.nameEn,
        amountFen: fee.amountCents,
        basis: fee.basis,
        basisEn: fee.basisEn,
      });
  }
  return lines;
}

/** The status a case returns to once paid: its decision (a bundle's joint decision) until delivery starts. */
export async function decidedStatusOf(c: CaseRecord): Promise<'approved' | 'partially_approved'> {
  if (c.kind !== 'bundle') return 'approved';
  const items = await itemCasesOf(c.id);
  return items.every((i) => i.decision === 'approved') ? 'approved' : 'partially_approved';
}

/** A fee line as the caller reads it: named and founded in their language (the Chinese where a line has no English). */
export const feeLineIn = (l: FeeLine, locale: Locale) => ({
  caseNo: l.caseNo,
  itemCode: l.itemCode,
  name: locale === 'en' && l.nameEn ? l.nameEn : l.name,
  amountFen: l.amountFen,
  basis: locale === 'en' && l.basisEn ? l.basisEn : l.basis,
});
