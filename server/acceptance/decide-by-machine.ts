import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { Channel } from '../../contract/channels.ts';
import { caseByNumber, type CaseRecord, caseTransaction, committedMaterialCodes, handedInFiles, targetOfCase } from '../cases/index.ts';
import type { AcceptanceDecisionKind } from '../../contract/topics.ts';
import { acceptanceContext, recordAcceptance, recordedAcceptance, type PlainVariables } from './acceptance-record.ts';
import { checkApplication, type SubmittedMaterial } from './machine-check.ts';
import { attachmentsByIds } from '../attachments/index.ts';
import { storageOf } from '../storage/index.ts';
import { licensesGivenFor } from '../e-licenses/index.ts';

const ACTOR = 'system:acceptance';

/** Channels where a person handed the application in at a window: a clerk decides what the machine finds wrong. */
const WINDOW_CHANNELS: readonly Channel[] = ['window', 'assisted'];

/**
 * 受理 by machine: checks the case; without problems it is accepted (容缺 where the only missing
 * materials are tolerated and promised). With problems, a window case goes to a clerk
 * (acceptance_review) and an online case gets one correction notice listing all of them (补正).
 * The machine never refuses: 不予受理 needs a person's reasons. Keyed on `effectKey` (the external
 * task's id): a redelivered task replays the recorded decision. Answers the process variables.
 */
export async function decideAcceptanceByMachine(caseNo: string, effectKey: string, config: Config, logger: Logger): Promise<PlainVariables> {
  const replay = await recordedAcceptance(effectKey);
  if (replay) {
    logger.info('acceptance already decided for this task; replaying it');
    return replay;
  }
  const c = await caseByNumber(caseNo);
  const target = await targetOfCase(c);
  const { materials, replaced, deferred, shared } = await submittedMaterials(c);
  const findings = await checkApplication(target, c.form, materials, storageOf(config), replaced, deferred, shared);
  const decision: AcceptanceDecisionKind = findings.problems.length === 0 ? 'accepted' : WINDOW_CHANNELS.includes(c.channel) ? 'review' : 'correction';
  const context = await acceptanceContext(c, config, target);
  const outcome = { decision, reasons: findings.problems, deficiencies: decision === 'accepted' ? findings.deficiencies : [] };
  const variables = await caseTransaction((transaction) => recordAcceptance(c, outcome, ACTOR, effectKey, config, context, transaction));
  logger.info({ decision, problems: findings.problems.length, deficiencies: findings.deficiencies.length }, 'acceptance decided');
  return variables;
}

/** What the case was submitted with: its files, the e-licenses given instead, its 告知承诺, and what shared data stood in for (免申即享). */
async function submittedMaterials(
  c: CaseRecord,
): Promise<{ materials: SubmittedMaterial[]; replaced: Set<string>; deferred: Set<string>; shared: Set<string> }> {
  const rows = await handedInFiles(c.id);
  const attachments = await attachmentsByIds(rows.map((r) => r.attachmentId));
  const commitments = await committedMaterialCodes(c.id);
  const caseLicenses = await licensesGivenFor(c.id);
  const codes = (kind: string) => new Set(commitments.filter((k) => k.kind === kind).map((k) => k.materialCode));
  return {
    materials: [
      ...rows.map((r) => ({ materialCode: r.materialCode, attachment: attachments.get(r.attachmentId) })),
      ...caseLicenses.map((l) => ({ materialCode: l.materialCode, license: l.license ?? { validAt: () => false } })),
    ],
    replaced: codes('replacement'),
    shared: codes('shared'),
    deferred: codes('deferral'),
  };
}
