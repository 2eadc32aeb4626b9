import type { DeliveryChoice } from '../../contract/requests/delivery.ts';
import { deliveryChoiceRules, deliveryChoiceSchema } from '../../contract/requests/delivery.ts';
import { withPrefix } from '../../contract/problems.ts';
import { validationFailed } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';

/**
 * 送达方式, part of the case (chosen at submission or later on the case's page, server/deliveries).
 * Checks a choice with the contract's schema and rules (contract/requests/delivery.ts: the
 * applicant's page checks the same before it sends), as the carrier will, so that a bad address is
 * refused now, to the applicant, not later to a worker. `field` prefixes the problems (e.g.
 * "delivery" inside POST /cases).
 */
export function checkDeliveryChoice(body: unknown, field?: string): DeliveryChoice {
  assertValid<DeliveryChoice>(deliveryChoiceSchema, body, field);
  const choice = body as DeliveryChoice;
  const problems = withPrefix(deliveryChoiceRules(choice), field);
  if (problems.length) throw validationFailed(problems);
  const recipient = choice.recipient;
  return recipient
    ? { method: choice.method, recipient: { name: recipient.name.trim(), phone: recipient.phone, address: recipient.address.trim() } }
    : { method: choice.method };
}
