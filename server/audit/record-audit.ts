import type { Transaction } from 'sequelize';
import type { Request } from 'express';
import { AuditChainHead, AuditEvent } from './audit-event.model.ts';
import { chainHash } from './chain.ts';
import { currentRequest } from '../logger.ts';
import type { AuditAction } from '../../contract/audit-actions.ts';

export interface AuditEntry {
  /** the user name, `system:<part>`, or null for an anonymous caller */
  actor: string | null;
  /** default: the address of the request being served, if any */
  clientAddress?: string | null;
  /** one of the acts the trail knows (contract/audit-actions.ts, where each is named for the audit page) */
  action: AuditAction;
  target?: string | null;
  outcome?: 'success' | 'failure';
  detail?: Record<string, unknown>;
}

/** Who asked, for an entry made while serving a request (the address comes from the request scope). */
export const requestActor = (req: Request): Pick<AuditEntry, 'actor'> => ({ actor: req.principal?.username ?? null });

/** The audit key, set once at start (server/bootstrap.ts, workers/start.ts). */
let auditKey: string | undefined;
export function useAuditKey(key: string): void {
  auditKey = key;
}

/**
 * Appends an entry to the audit trail, chained to the last one. Inside the caller's transaction
 * when given, so the act and its record commit together. It locks the chain's head until that
 * commit, which orders every append: call it late in the transaction, but before telling another
 * system (the engine) anything that lets it act on what the transaction wrote.
 */
export async function recordAudit(entry: AuditEntry, transaction?: Transaction): Promise<AuditEvent> {
  if (!transaction) return AuditEvent.sequelize!.transaction((t) => recordAudit(entry, t));
  if (!auditKey) throw new Error('the audit key is not set (useAuditKey at start)');
  const head = await AuditChainHead.findByPk(1, { transaction, lock: transaction.LOCK.UPDATE });
  if (!head) throw new Error('audit_chain_head has no row: the audit trail migration did not run');
  const row = {
    id: Number(head.lastId) + 1,
    at: new Date(),
    actor: entry.actor?.slice(0, 64) ?? null,
    clientAddress: (entry.clientAddress ?? currentRequest()?.clientAddress)?.slice(0, 64) ?? null,
    action: entry.action,
    target: entry.target?.slice(0, 128) ?? null,
    outcome: entry.outcome ?? 'success',
    detail: JSON.stringify(entry.detail ?? {}),
  };
  const hash = chainHash(auditKey, head.lastHash, row);
  const event = await AuditEvent.create({ ...row, prevHash: head.lastHash, hash }, { transaction });
  await head.update({ lastId: row.id, lastHash: hash }, { transaction });
  return event;
}

export const currentAuditKey = (): string => {
  if (!auditKey) throw new Error('the audit key is not set (useAuditKey at start)');
  return auditKey;
};
