import { Op } from 'sequelize';
import { Attachment, Case, CaseLicense, CaseMaterial, Commitment, ELicense } from '../../server/db/index.ts';
import { targetOfCase } from '../../server/cases/submission-target.ts';
import { acceptanceContext, recordAcceptance, recordedAcceptance } from '../../server/cases/acceptance-record.ts';
import type { Channel } from '../../server/cases/case-status.ts';
import { TOPICS, VARIABLES, type AcceptanceDecisionKind } from '../../contract/topics.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { checkApplication } from './decide.ts';
import { caseOfTask } from '../runtime/case-of-task.ts';
import { sealRecordedNotice } from '../../server/results/seal-notice.ts';

const ACTOR = 'system:acceptance';

/** Channels where a person handed the application in at a window: a clerk decides what the machine finds wrong. */
const WINDOW_CHANNELS: readonly Channel[] = ['window', 'assisted'];

/**
 * 受理 by machine: checks the case; without problems it is accepted (容缺 where the only missing
 * materials are tolerated and promised). With problems, a window case goes to a clerk
 * (acceptance_review) and an online case gets one correction notice listing all of them (补正).
 * The machine never refuses: 不予受理 needs a person's reasons. Keyed on the external task id:
 * a redelivered task replays the recorded decision.
 */
export const acceptanceHandler: TopicHandler = {
  topic: TOPICS.acceptance,
  lockDurationMs: 30_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { config, logger }) {
    const key = `ext:${task.id}`;
    const replay = await recordedAcceptance(key);
    if (replay) {
      logger.info('acceptance already decided for this task; replaying it');
      return { variables: replay };
    }
    const c = await caseOfTask(task);
    const target = await targetOfCase(c);
    const rows = await CaseMaterial.findAll({ where: { caseId: c.id } });
    const attachments = new Map((await Attachment.findAll({ where: { id: { [Op.in]: rows.map((r) => r.attachmentId) } } })).map((a) => [a.id, a]));
    const commitments = await Commitment.findAll({ where: { caseId: c.id } });
    const caseLicenses = await CaseLicense.findAll({ where: { caseId: c.id } });
    const licenses = new Map((await ELicense.findAll({ where: { id: { [Op.in]: caseLicenses.map((l) => l.eLicenseId) } } })).map((l) => [l.id, l]));
    const codes = (kind: string) => new Set(commitments.filter((k) => k.kind === kind).map((k) => k.materialCode));
    const findings = await checkApplication(
      target,
      c.form,
      [
        ...rows.map((r) => ({ materialCode: r.materialCode, attachment: attachments.get(r.attachmentId) })),
        ...caseLicenses.map((l) => ({ materialCode: l.materialCode, license: licenses.get(l.eLicenseId) ?? { validAt: () => false } })),
      ],
      config.dataDir,
      codes('replacement'),
      codes('deferral'),
    );
    const decision: AcceptanceDecisionKind = findings.problems.length === 0 ? 'accepted' : WINDOW_CHANNELS.includes(c.channel) ? 'review' : 'correction';
    const context = await acceptanceContext(c, config, target);
    const outcome = { decision, reasons: findings.problems, deficiencies: decision === 'accepted' ? findings.deficiencies : [] };
    const variables = await Case.sequelize!.transaction((transaction) => recordAcceptance(c, outcome, ACTOR, key, config, context, transaction));
    logger.info({ decision, problems: findings.problems.length, deficiencies: findings.deficiencies.length }, 'acceptance decided');
    return { variables };
  },
  // the notice (受理通知书, 补正材料告知书 …) as a sealed PDF, once the process went on
  afterComplete: (task, { config }) => sealRecordedNotice(config, `ext:${task.id}`).then(() => undefined),
};
