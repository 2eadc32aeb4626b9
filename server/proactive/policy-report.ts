import { fn, col } from 'sequelize';
import type { ProactivePolicy } from '../../contract/proactive/policy.ts';
import { OFFER_STATUSES, type OfferStatus } from '../../contract/proactive/policy.ts';
import { ProactiveOffer } from './proactive-offer.model.ts';

/**
 * 免申即享 policies as the administrators and the 数据局 read them: each policy, what raises it, how
 * it grants, and its offers by where they stand (offered, accepted, declined …): the take-up and
 * the refusals the issue asks to record. The rule's own hit counts are the decision's
 * (GET /modeler/decisions/{key}/hits).
 */
export async function policyReport(policies: ProactivePolicy[], locale: 'zh-CN' | 'en') {
  const rows = (await ProactiveOffer.findAll({
    attributes: ['policyCode', 'status', [fn('COUNT', col('id')), 'n']],
    group: ['policyCode', 'status'],
    raw: true,
  })) as unknown as { policyCode: string; status: OfferStatus; n: number | string }[];
  return {
    policies: policies.map((p) => ({
      code: p.code,
      name: locale === 'en' ? p.nameEn : p.name,
      benefit: locale === 'en' ? p.benefitEn : p.benefit,
      itemCode: p.itemCode,
      trigger: p.trigger,
      grant: p.grant,
      recipients: p.recipients,
      oncePer: p.oncePer,
      decision: p.decision,
      offers: Object.fromEntries(OFFER_STATUSES.map((s) => [s, Number(rows.find((r) => r.policyCode === p.code && r.status === s)?.n ?? 0)])) as Record<
        OfferStatus,
        number
      >,
    })),
  };
}
