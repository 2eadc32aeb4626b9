import { hasRole, type Principal } from '../auth/index.ts';
import type { AppContext } from '../context.ts';
import { Delivery, type Recipient } from './delivery.model.ts';
import { isMaskedEcho } from '../../contract/catalog/personal.ts';
import { maskRecipient } from './delivery-view.ts';
import type { DeliveryMethod } from './delivery.model.ts';
import { conflict, notFound } from '../errors/app-error.ts';
import { canViewCase, caseByNo, type CaseRecord, type CaseStatus, checkDeliveryChoice, isApplicantOf, lockCase, updateCase } from '../cases/index.ts';

/**
 * A choice sent back as the page showed it: a phone (or address) in its masked form stands for the
 * one already chosen, so that changing only the address needs no retyping of the phone.
 */
function withKnownRecipient(body: unknown, known: Recipient | undefined): unknown {
  const recipient = (body as { recipient?: Record<string, unknown> } | null)?.recipient;
  if (!known || !recipient || typeof recipient !== 'object') return body;
  return {
    ...(body as object),
    recipient: {
      ...recipient,
      phone: isMaskedEcho('phone', recipient.phone, known.phone) ? known.phone : recipient.phone,
      address: isMaskedEcho('address', recipient.address, known.address) ? known.address : recipient.address,
    },
  };
}

/** Closed without results: nothing will ever be delivered. */
const CLOSED_WITHOUT_RESULTS: readonly CaseStatus[] = ['not_accepted', 'withdrawn', 'terminated'];

/**
 * Who may choose: the applicant (who submitted it, or in whose name a window clerk or an agent
 * submitted it) and window clerks.
 */
async function mayChoose(principal: Principal, c: CaseRecord): Promise<boolean> {
  if (canViewCase(principal, c) && (c.submittedBy === principal.id || hasRole(principal, 'clerk'))) return true;
  return isApplicantOf(principal, c);
}

/**
 * The applicant (or a window clerk) chooses how the results reach them, until the delivery
 * starts. The case row is locked, as the delivery task locks it to read the choice, so a choice
 * either reaches the delivery or is refused with 409. Answers the choice as kept (the phone
 * masked); PUT /delivery answers the delivery's whole state (deliveryView) after it.
 */
export async function chooseDelivery(ctx: AppContext, principal: Principal, caseNo: string, body: unknown) {
  const found = await caseByNo(caseNo);
  if (!found || !(await mayChoose(principal, found))) throw notFound('case_not_found');
  const choice = checkDeliveryChoice(withKnownRecipient(body, found.deliveryChoice?.recipient));
  if (found.parentCaseId) throw conflict('delivery_by_bundle');
  return ctx.sequelize.transaction(async (transaction) => {
    const c = (await lockCase(found.id, transaction))!;
    if (CLOSED_WITHOUT_RESULTS.includes(c.status)) throw conflict('delivery_not_possible');
    if (await Delivery.findOne({ where: { caseId: c.id }, transaction })) throw conflict('delivery_started');
    await updateCase(c, { deliveryChoice: choice }, transaction);
    return { caseNo: c.caseNo, method: choice.method, ...(choice.recipient ? { recipient: maskRecipient(choice.recipient, true) } : {}) };
  });
}

export const methodOf = (c: Pick<CaseRecord, 'deliveryChoice'>): DeliveryMethod => c.deliveryChoice?.method ?? 'electronic';
