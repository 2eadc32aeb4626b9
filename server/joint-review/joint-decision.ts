import type { Logger } from 'pino';
import {
  caseByNumber,
  type CaseStatus,
  caseTransaction,
  FINAL_STATUSES,
  itemCasesOf,
  recordTimeline,
  renderNotice,
  targetOfCase,
  updateCase,
} from '../cases/index.ts';

/**
 * 联审联办的联办结论 (the `joint-decision` topic): once every item of a bundle is decided (or the
 * bundle's rule ended the joint review at a refused item), reads the items' results from the app
 * database and decides the bundle: approved when all were approved, refused when none was (or one
 * was, where the bundle says one refusal refuses it all), otherwise partially approved. Items still
 * open, because the rule stopped them, are terminated. Keyed on `effectKey`; answers the status.
 */
export async function decideBundle(caseNo: string, effectKey: string, logger: Logger): Promise<CaseStatus> {
  const bundle = await caseByNumber(caseNo);
  if (bundle.kind !== 'bundle') throw new Error(`case ${bundle.caseNo} is not a bundle case`);
  const target = await targetOfCase(bundle);
  const status = await caseTransaction(async (transaction) => {
    const items = await itemCasesOf(bundle.id, { transaction, lock: true });
    const finishedAt = new Date();
    const stopped = items.filter((i) => !FINAL_STATUSES.includes(i.status));
    const approved = items.filter((i) => i.status === 'approved');
    const refused = items.filter((i) => i.status === 'refused');
    const decided: CaseStatus =
      approved.length === items.length
        ? 'approved'
        : approved.length === 0 || (target.onItemRejected === 'refuse_bundle' && refused.length > 0)
          ? 'refused'
          : 'partially_approved';
    const name = (code: string) => target.items.find((i) => i.code === code)?.name ?? code;
    const first = await recordTimeline(
      {
        caseId: bundle.id,
        type: 'bundle.decided',
        actor: 'system:joint-decision',
        detail: {
          status: decided,
          rule: target.onItemRejected,
          items: items.map((i) => ({ caseNo: i.caseNo, itemCode: i.itemCode, status: stopped.includes(i) ? 'terminated' : i.status })),
          notice: renderNotice(decided === 'approved' ? 'approved' : 'refused', {
            caseNo: bundle.caseNo,
            applicantName: bundle.applicantName,
            subject: target.name,
            reasons: items.map((i) => ({
              'zh-CN': `${name(i.itemCode)}：${i.status === 'approved' ? '准予' : i.status === 'refused' ? '不予' : '因同一件事中其他事项不予而终止'}`,
              en: `${i.itemCode}: ${stopped.includes(i) ? 'terminated' : i.status}`,
            })),
          }),
        },
        idempotencyKey: effectKey,
      },
      transaction,
    );
    if (!first) return bundle.status;
    for (const item of stopped) {
      await updateCase(item, { status: 'terminated', finishedAt }, transaction);
      await recordTimeline(
        {
          caseId: item.id,
          type: 'case.terminated',
          actor: 'system:joint-decision',
          detail: {
            reason: { 'zh-CN': '同一件事中有事项不予许可，按一件事规则终止办理', en: 'another item of the bundle was refused; the bundle rule ends this one' },
          },
        },
        transaction,
      );
    }
    await updateCase(bundle, { status: decided, decision: decided as 'approved' | 'refused' | 'partially_approved', finishedAt }, transaction);
    return decided;
  });
  logger.info({ status }, 'bundle decided');
  return status;
}
