import { Op } from 'sequelize';
import { Attachment, Case, CaseMaterial, Commitment } from '../../server/db/index.ts';
import { itemVersion } from '../../server/catalog/items.repository.ts';
import { findTimelineEntry, recordTimeline } from '../../server/cases/timeline.ts';
import { BPMN_ERRORS, TOPICS, VARIABLES } from '../../processes/topics.ts';
import { BpmnOutcome, type TopicHandler } from '../runtime/handler.ts';
import { ACCEPTANCE_LEGAL_BASIS, decideAcceptance, type AcceptanceDecision } from './decide.ts';
import { caseOfTask } from '../runtime/case-of-task.ts';
import { calendarFor } from '../../server/calendar/calendar.repository.ts';

const ACTOR = 'system:acceptance';

function outcome(decision: AcceptanceDecision): { variables: Record<string, unknown> } {
  if (decision.accepted) return { variables: { [VARIABLES.accepted]: true } };
  const summary = decision.reasons.map((r) => r['zh-CN']).join('；');
  throw new BpmnOutcome(BPMN_ERRORS.notAccepted, `不予受理：${summary}`.slice(0, 600), { [VARIABLES.accepted]: false });
}

/**
 * 受理: decides accepted / not accepted and records it on the case. The decision and its timeline
 * entry are written once per external task; a redelivered task replays the stored decision.
 */
export const acceptanceHandler: TopicHandler = {
  topic: TOPICS.acceptance,
  lockDurationMs: 30_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { config, logger }) {
    const key = `ext:${task.id}`;
    const previous = await findTimelineEntry(key);
    if (previous) {
      logger.info('acceptance already decided for this task; replaying it');
      return outcome({ accepted: previous.type === 'acceptance.accepted', reasons: (previous.detail.reasons as AcceptanceDecision['reasons']) ?? [] });
    }

    const c = await caseOfTask(task);
    const item = await itemVersion(c.itemCode, c.itemVersion);
    if (!item) throw new Error(`item ${c.itemCode} v${c.itemVersion} of case ${c.caseNo} is missing from the catalog`);
    const rows = await CaseMaterial.findAll({ where: { caseId: c.id } });
    const attachments = new Map(
      (await Attachment.findAll({ where: { id: { [Op.in]: rows.map((r) => r.attachmentId) } } })).map((a) => [a.id, a]),
    );
    const commitments = await Commitment.findAll({ where: { caseId: c.id } });
    const decision = await decideAcceptance(
      item,
      c.form,
      rows.map((r) => ({ materialCode: r.materialCode, attachment: attachments.get(r.attachmentId) })),
      config.dataDir,
      new Set(commitments.map((k) => k.materialCode)),
    );

    // 承诺时限 / 法定时限 run from acceptance, in working days on the region's calendar
    const acceptedAt = new Date();
    const calendar = await calendarFor(config.regionCode);
    const promisedDueAt = calendar.due(acceptedAt, item.definition.promisedDays).due;
    const statutoryDueAt = calendar.due(acceptedAt, item.definition.statutoryDays).due;

    await Case.sequelize!.transaction(async (transaction) => {
      const first = await recordTimeline(
        {
          caseId: c.id,
          type: decision.accepted ? 'acceptance.accepted' : 'acceptance.not_accepted',
          actor: ACTOR,
          detail: {
            reasons: decision.reasons,
            legalBasis: ACCEPTANCE_LEGAL_BASIS,
            notice: decision.accepted ? '受理通知书' : '不予受理决定书',
            ...(decision.accepted ? { promisedDueAt: promisedDueAt.toISOString(), statutoryDueAt: statutoryDueAt.toISOString() } : {}),
          },
          idempotencyKey: key,
        },
        transaction,
      );
      if (!first) return;
      if (decision.accepted) await c.update({ status: 'accepted', acceptedAt, promisedDueAt, statutoryDueAt }, { transaction });
      else await c.update({ status: 'not_accepted', finishedAt: new Date() }, { transaction });
    });
    logger.info({ accepted: decision.accepted, reasons: decision.reasons.length }, 'acceptance decided');
    return outcome(decision);
  },
};
