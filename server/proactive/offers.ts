import type { Logger } from 'pino';
import { Op, UniqueConstraintError } from 'sequelize';
import type { AppContext } from '../context.ts';
import { accountById, applicantAccountsByIdNo, type Principal } from '../auth/index.ts';
import { recordAudit } from '../audit/index.ts';
import { shanghaiTime } from '../calendar/index.ts';
import { caseByNo, companyActing, type CompanyActing } from '../cases/index.ts';
import { AppError, conflict, fieldProblem, validationFailed } from '../errors/app-error.ts';
import type { Localized } from '../i18n/locale.ts';
import { notify } from '../notifications/index.ts';
import { lookupHash } from '../privacy/sealing.ts';
import { countRuleHits } from '../rules/index.ts';
import { sharedDataOf } from '../shared-data/index.ts';
import { isValidMobile } from '../../contract/validation/id-numbers.ts';
import type { ProactivePolicy } from '../../contract/proactive/policy.ts';
import { eligibilityOf, isCompany, numberOf, parentsOf, type Recipient, type Subject } from './eligibility.ts';
import { hadBefore } from './once-per-recipient.ts';
import { openProactiveCase } from './open-case.ts';
import { ProactiveOffer } from './proactive-offer.model.ts';

/** The system actor of 免申即享, as the query log, the timeline and the audit trail name it. */
export const PROACTIVE_ACTOR = 'system:proactive';

const DAY_MS = 86_400_000;
/** parents in the order a direct grant goes to the first of them the platform can reach */
const PARENT_ORDER = ['mother', 'father'];

/** What one occasion (a birth, a birthday, a licence) came to: offers made, benefits granted, recipients not eligible, recipients who had it before (a policy once per recipient). */
export interface OccasionOutcome {
  offered: number;
  granted: number;
  ineligible: number;
  already: number;
}

/** The offer's notification, to the recipient's accounts (a company's: each of its accounts). */
function offerText(policy: ProactivePolicy, subject: Subject, recipient: Recipient): Localized {
  const [zh, en] =
    recipient.relation === 'company' ? ['贵企业', 'your company is'] : recipient.relation === 'self' ? ['您', 'you are'] : [subject.name, `${subject.name} is`];
  return {
    'zh-CN': `免申即享：${zh}可享受“${policy.name}”——${policy.benefit}。无需申请，在“我的办件”中一键领取。`,
    en: `Benefits without applying: ${en} entitled to "${policy.nameEn}": ${policy.benefitEn}. No application needed; take it up with one click under "My cases".`,
  };
}

/**
 * 免申即享 for one occasion: the policy's rule decides for each recipient (the engine evaluates its
 * decision; its rule hits are counted); an eligible one gets an offer, or — a policy that grants
 * directly, and a recipient the platform can reach (an applicant account) — the case at once. A
 * parent's grant or acceptance stands for the other parent, whose offer is superseded. An occasion
 * is raised once: the offers are unique by policy, occasion and recipient; a policy once per
 * recipient raises nothing for one who had it before (./once-per-recipient.ts), their rule not asked.
 */
export async function raiseOffers(
  ctx: AppContext,
  policy: ProactivePolicy,
  occasion: string,
  subject: Subject,
  recipients: Recipient[],
  logger: Logger,
): Promise<OccasionOutcome> {
  const outcome: OccasionOutcome = { offered: 0, granted: 0, ineligible: 0, already: 0 };
  const ordered = [...recipients].sort((a, b) => PARENT_ORDER.indexOf(a.relation) - PARENT_ORDER.indexOf(b.relation));
  for (const recipient of ordered) {
    if (policy.oncePer === 'recipient' && (await hadBefore(policy, recipient.idNo))) {
      outcome.already++;
      continue;
    }
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
            subjectIdNo: numberOf(subject),
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
      offerText(policy, subject, recipient),
      null,
      null,
    );
  }
  logger.info({ policy: policy.code, occasion, ...outcome }, 'proactive policy applied');
  return outcome;
}

/** Who acted for a company (法人): recorded with its acceptance or refusal. */
type ActingFor = CompanyActing | null;
const actingForDetail = (acting: ActingFor) => (acting ? { actingFor: { company: acting.companyName, by: acting.name, as: acting.actingAs } } : {});

/**
 * Takes an offer up: first claims the occasion's benefit (the offer taken, the other parent's
 * superseded, under a lock of the occasion's offers: two parents at the same moment get one case, the
 * second a 409 offer_settled), then opens the case; if the case cannot be opened, the claim is undone.
 */
async function takeUp(
  ctx: AppContext,
  policy: ProactivePolicy,
  offer: ProactiveOffer,
  subject: Subject,
  account: Principal & { phone: string | null },
  status: 'accepted' | 'granted',
  acting: ActingFor = null,
): Promise<string> {
  // taken (or refused) a moment ago, by the other click or the other parent: told after the transaction
  const claim = await ctx.sequelize.transaction(async (transaction): Promise<{ superseded: number[] } | { lostTo: ProactiveOffer | null }> => {
    const occasion = await ProactiveOffer.findAll({
      where: { policyCode: offer.policyCode, occasion: offer.occasion },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    const own = occasion.find((o) => o.id === offer.id);
    const taken = occasion.find((o) => o.status === 'accepted' || o.status === 'granted');
    if (!own || own.status !== 'offered' || taken) return { lostTo: taken ?? own ?? null };
    const others = occasion.filter((o) => o.id !== offer.id && o.status === 'offered').map((o) => o.id);
    const decidedAt = new Date();
    await ProactiveOffer.update({ status, decidedAt }, { where: { id: offer.id }, transaction });
    if (others.length) await ProactiveOffer.update({ status: 'superseded', decidedAt }, { where: { id: { [Op.in]: others } }, transaction });
    return { superseded: others };
  });
  if ('lostTo' in claim) throw claim.lostTo ? await settled(claim.lostTo) : conflict('offer_settled');
  const { superseded } = claim;
  const recipient = { idNo: offer.recipientIdNo, name: offer.recipientName, relation: offer.recipientRelation };
  let caseNo: string;
  try {
    caseNo = await openProactiveCase(ctx, policy, offer.id, subject, recipient, isCompany(subject) ? [] : parentsOf(subject), account);
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
        detail: { policy: policy.code, offerId: offer.id, decision: offer.decision, ...actingForDetail(acting) },
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

/**
 * The signed-in person's offers (by their verified ID number), or a company account's, the
 * company's (by its credit code: every account of the company sees them): the open ones first,
 * then the rest, newest first.
 */
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

/**
 * 409 offer_settled, saying what became of the offer and when, and — taken up — by whom (the
 * account that opened its case: another parent, another account of the company) and its case.
 */
async function settled(offer: ProactiveOffer): Promise<AppError> {
  const at = offer.decidedAt ? shanghaiTime(offer.decidedAt) : '';
  const opened = offer.caseNo ? await caseByNo(offer.caseNo) : null;
  const by = opened ? (await accountById(opened.submittedBy))?.displayName : undefined;
  const zh: Record<string, string> = { accepted: '领取', granted: '直接发放', declined: '放弃', superseded: '由家人领取', lapsed: '过期' };
  const en: Record<string, string> = {
    accepted: 'taken up',
    granted: 'granted',
    declined: 'declined',
    superseded: 'taken up by a family member',
    lapsed: 'lapsed',
  };
  return new AppError(409, 'offer_settled', [], {
    'zh-CN': `这项服务已${at ? `于 ${at} ` : ''}${by ? `由 ${by} ` : ''}${zh[offer.status] ?? '处理'}${offer.caseNo ? `（办件 ${offer.caseNo}）` : ''}，请刷新页面`,
    en: `This offer was ${en[offer.status] ?? 'settled'}${by ? ` by ${by}` : ''}${at ? ` at ${at} (Beijing time)` : ''}${offer.caseNo ? ` (case ${offer.caseNo})` : ''}; refresh the page`,
  });
}

/**
 * The caller's open offer of that id (another's is not found), and — a company's offer — who acts
 * for the company: its legal representative, or an agent whose authorisation covers applying
 * (else 403 authorization_insufficient, naming the authorisation): answering it is applying for
 * the company or refusing for it.
 */
async function ownOpenOffer(principal: Principal & { idNo: string | null }, id: number): Promise<{ offer: ProactiveOffer; acting: ActingFor }> {
  const offer = principal.idNo ? await ProactiveOffer.findOne({ where: { id, recipientHash: lookupHash(principal.idNo) } }) : null;
  if (!offer) throw offerNotFound();
  const acting = offer.recipientRelation === 'company' ? await companyActing(principal) : null;
  if (offer.status !== 'offered') throw await settled(offer);
  if (offer.expiresAt.getTime() <= Date.now()) throw conflict('offer_lapsed');
  return { offer, acting };
}

/**
 * The contact phone of the case: the one given with the acceptance, else the account's (a
 * company's account has none: its page asks for the company's contact).
 */
function contactPhone(given: unknown, account: string | null): string {
  if (given !== undefined && given !== null && given !== '') {
    if (typeof given !== 'string' || !isValidMobile(given.trim())) {
      throw validationFailed([fieldProblem('phone', '联系电话：请填写有效的 11 位手机号码', 'phone: give a valid 11-digit mobile number')]);
    }
    return given.trim();
  }
  if (account) return account;
  throw validationFailed([fieldProblem('phone', '联系电话：请填写办件联系人的手机号码', 'phone: give the mobile number of the contact for the case')]);
}

/**
 * 一键领取: the recipient takes the offer up; the case opens in their name (a company's: in the
 * company's, under the account of whoever acts for it), on the channel "proactive".
 */
export async function acceptOffer(
  ctx: AppContext,
  principal: Principal & { idNo: string | null; phone: string | null },
  id: number,
  policies: ProactivePolicy[],
  body: unknown,
) {
  const { offer, acting } = await ownOpenOffer(principal, id);
  const phone = contactPhone((body as { phone?: unknown } | null | undefined)?.phone, principal.phone);
  const policy = policies.find((p) => p.code === offer.policyCode);
  if (!policy) throw conflict('offer_policy_withdrawn');
  const context = { actor: principal.username, purpose: `免申即享：领取“${policy.name}”` };
  const shared = sharedDataOf(ctx.config);
  const subject =
    offer.recipientRelation === 'company' ? await shared.lookupCompany(offer.subjectIdNo, context) : await shared.lookupPerson(offer.subjectIdNo, context);
  if (!subject) throw conflict('offer_subject_gone');
  const caseNo = await takeUp(ctx, policy, offer, subject, { ...principal, phone }, 'accepted', acting);
  return { id: offer.id, status: 'accepted' as const, caseNo };
}

/** 不需要: the recipient (for a company: whoever may act for it) refuses the offer, with a reason if they give one; recorded (and counted). */
export async function declineOffer(ctx: AppContext, principal: Principal & { idNo: string | null }, id: number, reason: unknown) {
  if (reason !== undefined && reason !== null && (typeof reason !== 'string' || [...reason].length > 200)) {
    throw validationFailed([fieldProblem('reason', '原因：最多 200 个字', 'reason: at most 200 characters')]);
  }
  const { offer, acting } = await ownOpenOffer(principal, id);
  const text = typeof reason === 'string' && reason.trim() ? reason.trim() : null;
  await ctx.sequelize.transaction(async (transaction) => {
    const [changed] = await ProactiveOffer.update(
      { status: 'declined', reason: text, decidedAt: new Date() },
      { where: { id: offer.id, status: 'offered' }, transaction },
    );
    if (!changed) throw conflict('offer_settled');
    await recordAudit(
      {
        actor: principal.username,
        action: 'proactive.declined',
        target: `offer:${offer.id}`,
        detail: { policy: offer.policyCode, reason: text, ...actingForDetail(acting) },
      },
      transaction,
    );
  });
  return { id: offer.id, status: 'declined' as const };
}
