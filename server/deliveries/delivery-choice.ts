import type { Principal } from '../auth/principal.ts';
import { hasRole } from '../auth/principal.ts';
import type { AppContext } from '../context.ts';
import { Case } from '../cases/case.model.ts';
import { Delivery } from './delivery.model.ts';
import type { DeliveryChoice } from '../cases/case.model.ts';
import type { DeliveryMethod } from './delivery.model.ts';
import { deliveryChoiceSchema } from './delivery-choice-schema.ts';
import { conflict, fieldProblem, notFound, validationFailed, type FieldProblem } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { canViewCase } from '../cases/case-access.ts';
import type { CaseStatus } from '../cases/case-status.ts';

const NAME_WITHOUT_DIGITS = /^[^\p{Cc}\d]+$/u;
/** names the province (or autonomous region, SAR) or city, as the carrier requires */
const NAMES_REGION = /(省|自治区|特别行政区|市)/;

/**
 * Checks a choice as the carrier will (so that a bad address is refused now, to the applicant, not
 * later to a worker). `field` prefixes the problems (e.g. "delivery" inside POST /cases).
 */
export function checkDeliveryChoice(body: unknown, field?: string): DeliveryChoice {
  assertValid<DeliveryChoice>(deliveryChoiceSchema, body, field);
  const choice = body as DeliveryChoice;
  const at = (name: string) => (field ? `${field}.${name}` : name);
  const problems: FieldProblem[] = [];
  if (choice.method === 'logistics' && !choice.recipient) {
    problems.push(
      fieldProblem(
        at('recipient'),
        '收件人：物流寄送须填写收件人姓名、手机号码和地址',
        "recipient: logistics needs the recipient's name, mobile phone and address",
      ),
    );
  }
  if (choice.method !== 'logistics' && choice.recipient) {
    problems.push(fieldProblem(at('recipient'), '收件人：只有物流寄送需要收件人', 'recipient: only logistics takes a recipient'));
  }
  const recipient = choice.recipient;
  if (recipient && !NAME_WITHOUT_DIGITS.test(recipient.name.trim())) {
    problems.push(
      fieldProblem(at('recipient.name'), '收件人姓名：应为姓名或单位名称，不能包含数字', "recipient's name: must be a person or office name, without digits"),
    );
  }
  if (recipient && !NAMES_REGION.test(recipient.address)) {
    problems.push(
      fieldProblem(
        at('recipient.address'),
        '收件地址：应为中文地址，写明省（自治区、直辖市）、市、区县和详细地址',
        'address: must be a Chinese address naming the province or city, district and street',
      ),
    );
  }
  if (problems.length) throw validationFailed(problems);
  return recipient
    ? { method: choice.method, recipient: { name: recipient.name.trim(), phone: recipient.phone, address: recipient.address.trim() } }
    : { method: choice.method };
}

/** Closed without results: nothing will ever be delivered. */
const CLOSED_WITHOUT_RESULTS: readonly CaseStatus[] = ['not_accepted', 'withdrawn', 'terminated'];

/**
 * The applicant (or a window clerk) chooses how the results reach them, until the delivery
 * starts. The case row is locked, as the delivery task locks it to read the choice, so a choice
 * either reaches the delivery or is refused with 409.
 */
export async function chooseDelivery(ctx: AppContext, principal: Principal, caseNo: string, body: unknown) {
  const found = await Case.findOne({ where: { caseNo } });
  const mayChoose = (c: Case) => c.submittedBy === principal.id || hasRole(principal, 'clerk');
  if (!found || !canViewCase(principal, found) || !mayChoose(found)) throw notFound('case_not_found');
  const choice = checkDeliveryChoice(body);
  if (found.parentCaseId) throw conflict('delivery_by_bundle');
  return ctx.sequelize.transaction(async (transaction) => {
    const c = (await Case.findByPk(found.id, { transaction, lock: transaction.LOCK.UPDATE }))!;
    if (CLOSED_WITHOUT_RESULTS.includes(c.status)) throw conflict('delivery_not_possible');
    if (await Delivery.findOne({ where: { caseId: c.id }, transaction })) throw conflict('delivery_started');
    await c.update({ deliveryChoice: choice }, { transaction });
    return { caseNo: c.caseNo, ...choice };
  });
}

export const methodOf = (c: Pick<Case, 'deliveryChoice'>): DeliveryMethod => c.deliveryChoice?.method ?? 'electronic';
