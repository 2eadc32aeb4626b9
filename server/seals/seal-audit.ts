import type { Transaction } from 'sequelize';
import { SealUse } from './seal.model.ts';
import { recordAudit } from '../audit/index.ts';

/** What the use log says of the administrators' actions; uses by documents name the document. */
export const SEAL_ACTIONS = {
  enabled: '启用',
  disabled: '停用',
  usersChanged: '授权变更',
} as const;

const PURPOSE_MAX = 200;

/**
 * One line of a seal's use log for a management action (no case, no document), and the same act
 * in the platform's audit trail (seal management is one of the acts 等保 wants audited).
 */
export async function logSealAction(sealId: number, purpose: string, usedBy: string, transaction: Transaction): Promise<void> {
  const text = purpose.length > PURPOSE_MAX ? `${purpose.slice(0, PURPOSE_MAX - 1)}…` : purpose;
  await SealUse.create({ sealId, caseId: null, documentId: null, purpose: text, usedBy }, { transaction });
  await recordAudit({ actor: usedBy, action: 'seal.managed', target: `seal:${sealId}`, detail: { purpose } }, transaction);
}

/** One line of a seal's use log for a document it sealed (the results' seal step). */
export async function logSealUseOnDocument(
  use: { sealId: number; caseId: number; documentId: number; purpose: string; usedBy: string },
  transaction: Transaction,
): Promise<void> {
  await SealUse.create(use, { transaction });
}
