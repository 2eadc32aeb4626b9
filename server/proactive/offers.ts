import type { Logger } from 'pino';
import { Op, UniqueConstraintError } from 'sequelize';
import type { AppContext } from '../context.ts';
import { applicantAccountsByIdNo, type Principal } from '../auth/index.ts';
import { recordAudit } from '../audit/index.ts';
import { AppError, conflict, fieldProblem, validationFailed } from '../errors/app-error.ts';
import { notify } from '../notifications/index.ts';
import { lookupHash } from '../privacy/sealing.ts';
import { countRuleHits } from '../rules/index.ts';
import { sharedDataOf, type PersonRecord } from '../shared-data/index.ts';
import type { ProactivePolicy } from '../../contract/proactive/policy.ts';
import { eligibilityOf, parentsOf, type Recipient } from './eligibility.ts';
import { openProactiveCase } from './open-case.ts';
import { ProactiveOffer } from './proactive-offer.model.ts';

/** The system actor of 免申即享, as the query log, the timeline and the audit trail name it. */
export const PROACTIVE_ACTOR = 'system:proactive';

const DAY_MS = 86_400_000;
/** parents in the order a direct grant goes to the first of them the platform can reach */
const PARENT_ORDER = ['mother', 'father'];

/** What one occasion (a birth, a birthday) came to: offers made, benefits granted, people not eligible. */
export interface OccasionOutcome {
  offered: number;
  granted: number;
  ineligible: number;
}

/**
 * 免申即享 for one occasion: the policy's rule decides for each recipient (the engine evaluates its
 * decision; its rule hits are counted); an eligible one gets an offer, or — a policy that grants
 * directly, and a recipient the platform can reach (an applicant account) — the case at once. A
 * parent's grant or acceptance stands for the other parent, whose offer is superseded. An occasion
 * is raised once: the offers are unique by policy, occasion and recipient.
 */
export async function raiseOffers(
  ctx: AppContext,
  policy: ProactivePolicy,
  occasion: string,
  subject: PersonRecord,
  recipients: Recipient[],
  logger: Logger,
): Promise<OccasionOutcome> {
  const outcome: OccasionOutcome = { offered: 0, granted: 0, ineligible: 0 };
  const ordered = [...recipients].sort((a, b) => PARENT_ORDER.indexOf(a.relation) - PARENT_ORDER.indexOf(b.relation));
  for (const recipient of ordered) {
    const { eligible, decision } = await eligibilityOf(ctx.engine, policy, subject, recipient, ctx.config.regionCode);
    const record = { key: decision.decision.key, version: decision.decision.version, rules: decision.rules, inputs: decision.inputs };
    let offer: ProactiveOffer | null;
    try {
      offer = await ctx.sequelize.transaction(async (transaction) => {
        await countRuleHits(decision, transaction);
        if (!eligible) return null;
        return ProactiveOffer.create(
          {
            policyCode: policy.code,
            occasion,
            subjectName: subject.name,
            subjectIdNo: subject.idNo,
            recipientName: recipient.name,
            recipientIdNo: recipient.idNo,
            recipientRelation: recipient.relation,
            status: 'offered',
            decision: record,
            caseNo: null,
            reason: null,
            expiresAt: new Date(Date.now() + policy.offerDays * DAY_MS),
            decidedAt: null,
          },
          { transaction },
        );
      });
    } catch (err) {
      // raised before (the feed read again after a crash): nothing new
      if (err instanceof UniqueConstraintError) continue;
      throw err;
    }
    if (!offer) {
      outcome.ineligible++;
      continue;
    }
    const accounts = await applicantAccountsByIdNo(recipient.idNo);
    if (policy.grant === 'direct' && accounts[0] && outcome.granted === 0) {
      try {
        await takeUp(ctx, policy, offer, subject, accounts[0], 'granted');
        outcome.granted++;
        continue;
      } catch (err) {
        // the case could not be opened from these records (a field the registries leave empty): the
        // offer stays open for the person to take up, and the feed goes on; an outage is retried
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        logger.warn({ err, policy: policy.code, offerId: offer.id }, 'a direct grant could not open its case; offered instead');
      }
    }
    if (outcome.granted > 0) {
      await offer.update({ status: 'superseded', decidedAt: new Date() });
      continue;
    }
    outcome.offered++;
    await notify(
      accounts.map((a) => a.id),
      'proactive_offer',
      `免申即享：${recipient.relation === 'self' ? '您' : subject.name}可享受“${policy.name}”——${policy.benefit}。无需申请，在“我的办件”中一键领取。`,
      null,
      null,
    );
  }
  logger.info({ policy: policy.code, occasion, ...outcome }, 'proactive policy applied');
  return outcome;
}

/**
 * Takes an offer up: first claims the occasion's benefit (the offer taken, the other parent's
 * superseded, under a lock of the occasion's offers: two parents at the same moment get one case, the
 * second a 409 offer_settled), then opens the case; if the case cannot be opened, the claim is undone.
 */
async function takeUp(
  ctx: AppContext,
  policy: ProactivePolicy,
  offer: ProactiveOffer,
  subject: PersonRecord,
  account: Principal & { phone: string | null },
  status: 'accepted' | 'granted',
): Promise<string> {
  const superseded = await ctx.sequelize.transaction(async (transaction) => {
    const occasion = await ProactiveOffer.findAll({
      where: { policyCode: offer.policyCode, occasion: offer.occasion },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    const own = occasion.find((o) => o.id === offer.id);
    if (!own || own.status !== 'offered' || occasion.some((o) => o.status === 'accepted' || o.status === 'granted')) throw conflict('offer_settled');
    const others = occasion.filter((o) => o.id !== offer.id && o.status === 'offered').map((o) => o.id);
    const decidedAt = new Date();
    await ProactiveOffer.update({ status, decidedAt }, { where: { id: offer.id }, transaction });
    if (others.length) await ProactiveOffer.update({ status: 'superseded', decidedAt }, { where: { id: { [Op.in]: others } }, transaction });
    return others;
  });
  const recipient = { idNo: offer.recipientIdNo, name: offer.recipientName, relation: offer.recipientRelation };
  let caseNo: string;
  try {
    caseNo = await openProactiveCase(ctx, policy, offer.id, subject, recipient, parentsOf(subject), account);
  } catch (err) {
    await ProactiveOffer.update({ status: 'offered', decidedAt: null }, { where: { id: [offer.id, ...superseded] } });
    throw err;
  }
  await ctx.sequelize.transaction(async (transaction) => {
    await ProactiveOffer.update({ caseNo }, { where: { id: offer.id }, transaction });
    await recordAudit(
      {
        actor: status === 'granted' ? PROACTIVE_ACTOR : account.username,
        action: status === 'granted' ? 'proactive.granted' : 'proactive.accepted',
        target: `case:${caseNo}`,
        detail: { policy: policy.code, offerId: offer.id, decision: offer.decision },
      },
      transaction,
    );
  });
  return caseNo;
}

/** An offer as its recipient reads it. */
function offerView(o: ProactiveOffer, policies: ProactivePolicy[], locale: 'zh-CN' | 'en') {
  const policy = policies.find((p) => p.code === o.policyCode);
  return {
    id: o.id,
    policy: o.policyCode,
    name: policy ? (locale === 'en' ? policy.nameEn : policy.name) : o.policyCode,
    benefit: policy ? (locale === 'en' ? policy.benefitEn : policy.benefit) : '',
    subjectName: o.subjectName,
    relation: o.recipientRelation,
    status: o.status,
    caseNo: o.caseNo,
    reason: o.reason,
    offeredAt: o.createdAt.toISOString(),
    expiresAt: o.expiresAt.toISOString(),
  };
}

/** The signed-in person's offers (by their verified ID number): the open ones first, then the rest, newest first. */
export async function offersOf(principal: Principal & { idNo: string | null }, policies: ProactivePolicy[], locale: 'zh-CN' | 'en') {
  if (!principal.idNo) return { offers: [] };
  const rows = await ProactiveOffer.findAll({ where: { recipientHash: lookupHash(principal.idNo) }, order: [['id', 'DESC']], limit: 100 });
  const now = Date.now();
  const open = (o: ProactiveOffer) => o.status === 'offered' && o.expiresAt.getTime() > now;
  return {
    offers: [...rows.filter(open), ...rows.filter((o) => !open(o))].map((o) => {
      const view = offerView(o, policies, locale);
      return o.status === 'offered' && !open(o) ? { ...view, status: 'lapsed' as const } : view;
    }),
  };
}

const offerNotFound = () => new AppError(404, 'offer_not_found');

async function ownOpenOffer(principal: Principal & { idNo: string | null }, id: number): Promise<ProactiveOffer> {
  const offer = principal.idNo ? await ProactiveOffer.findOne({ where: { id, recipientHash: lookupHash(principal.idNo) } }) : null;
  if (!offer) throw offerNotFound();
  if (offer.status !== 'offered') throw conflict('offer_settled');
  if (offer.expiresAt.getTime() <= Date.now()) throw conflict('offer_lapsed');
  return offer;
}

/** 一键领取: the recipient takes the offer up; the case opens in their name, on the channel "proactive". */
export async function acceptOffer(
  ctx: AppContext,
  principal: Principal & { idNo: string | null; phone: string | null },
  id: number,
  policies: ProactivePolicy[],
) {
  const offer = await ownOpenOffer(principal, id);
  const policy = policies.find((p) => p.code === offer.policyCode);
  if (!policy) throw conflict('offer_policy_withdrawn');
  const subject = await sharedDataOf(ctx.config).lookupPerson(offer.subjectIdNo, { actor: principal.username, purpose: `免申即享：领取“${policy.name}”` });
  if (!subject) throw conflict('offer_subject_gone');
  const caseNo = await takeUp(ctx, policy, offer, subject, principal, 'accepted');
  return { id: offer.id, status: 'accepted' as const, caseNo };
}

/** 不需要: the recipient refuses the offer, with a reason if they give one; recorded (and counted). */
export async function declineOffer(ctx: AppContext, principal: Principal & { idNo: string | null }, id: number, reason: unknown) {
  if (reason !== undefined && reason !== null && (typeof reason !== 'string' || [...reason].length > 200)) {
    throw validationFailed([fieldProblem('reason', '原因：最多 200 个字', 'reason: at most 200 characters')]);
  }
  const offer = await ownOpenOffer(principal, id);
  const text = typeof reason === 'string' && reason.trim() ? reason.trim() : null;
  await ctx.sequelize.transaction(async (transaction) => {
    const [changed] = await ProactiveOffer.update(
      { status: 'declined', reason: text, decidedAt: new Date() },
      { where: { id: offer.id, status: 'offered' }, transaction },
    );
    if (!changed) throw conflict('offer_settled');
    await recordAudit(
      { actor: principal.username, action: 'proactive.declined', target: `offer:${offer.id}`, detail: { policy: offer.policyCode, reason: text } },
      transaction,
    );
  });
  return { id: offer.id, status: 'declined' as const };
}
