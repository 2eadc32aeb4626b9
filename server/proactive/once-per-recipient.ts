import { Op } from 'sequelize';
import { countBenefitCasesOf } from '../cases/index.ts';
import { lookupHash } from '../privacy/sealing.ts';
import type { ProactivePolicy } from '../../contract/proactive/policy.ts';
import { ProactiveOffer } from './proactive-offer.model.ts';

/**
 * A policy once per recipient (one start-up subsidy a life, one 开办补贴 a company): whether the
 * recipient (a person's ID number, a company's credit code) had it before — an offer of the policy
 * still open, taken up, granted or refused (the refusal stands: the platform does not ask again; the
 * item can still be applied for), or a case of the policy's item in their name, applied for by
 * themselves or at the window, that is under way or granted. A lapsed or superseded offer does not
 * count: the benefit was never had.
 */
export async function hadBefore(policy: ProactivePolicy, recipientIdNo: string): Promise<boolean> {
  const offers = await ProactiveOffer.findAll({
    attributes: ['status', 'expiresAt'],
    where: { policyCode: policy.code, recipientHash: lookupHash(recipientIdNo), status: { [Op.in]: ['offered', 'accepted', 'granted', 'declined'] } },
  });
  if (offers.some((o) => o.status !== 'offered' || o.expiresAt.getTime() > Date.now())) return true;
  return (await countBenefitCasesOf(recipientIdNo, policy.itemCode)) > 0;
}
