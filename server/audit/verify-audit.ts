import { Op, QueryTypes } from 'sequelize';
import { AuditChainHead, AuditEvent } from './audit-event.model.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';
import { currentAuditKey } from './record-audit.ts';

export interface ChainProblem {
  id: number;
  problem: 'missing' | 'relinked' | 'changed' | 'head';
  detail: string;
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  lastId: number;
  problems: ChainProblem[];
  /** whether the database itself refuses updates and deletes of the rows (triggers) */
  appendOnlyEnforced: boolean;
  checkedAt: string;
}

const BATCH = 1000;
const MAX_PROBLEMS = 100;

/**
 * Walks the whole trail in order and recomputes every link: a row changed (its hash no longer
 * matches its fields), removed (a gap in the ids, or the next row's link points elsewhere) or
 * added out of the chain is found, and so is a removed last row (the head disagrees).
 */
export async function verifyAuditTrail(): Promise<AuditVerification> {
  const key = currentAuditKey();
  const problems: ChainProblem[] = [];
  const report = (p: ChainProblem) => problems.length < MAX_PROBLEMS && problems.push(p);
  let expectedId = 1;
  let previousHash = GENESIS_HASH;
  let rows = 0;
  for (;;) {
    const batch = await AuditEvent.findAll({ where: { id: { [Op.gte]: expectedId } }, order: [['id', 'ASC']], limit: BATCH });
    if (!batch.length) break;
    for (const row of batch) {
      const id = Number(row.id);
      if (id !== expectedId) report({ id: expectedId, problem: 'missing', detail: `rows ${expectedId}–${id - 1} are missing` });
      if (row.prevHash !== previousHash) report({ id, problem: 'relinked', detail: 'its link does not point to the row before it' });
      if (chainHash(key, row.prevHash, { ...row.get(), id }) !== row.hash) report({ id, problem: 'changed', detail: 'its fields no longer match its hash' });
      previousHash = row.hash;
      expectedId = id + 1;
      rows++;
    }
  }
  const head = await AuditChainHead.findByPk(1);
  const lastId = expectedId - 1;
  if (!head || Number(head.lastId) !== lastId || head.lastHash !== previousHash) {
    report({
      id: Number(head?.lastId ?? 0),
      problem: 'head',
      detail: `the chain's head names row ${head?.lastId ?? '—'}, the table ends at ${lastId}: rows at the end were removed, or the head was changed`,
    });
  }
  return { ok: problems.length === 0, rows, lastId, problems, appendOnlyEnforced: await appendOnlyEnforced(), checkedAt: new Date().toISOString() };
}

async function appendOnlyEnforced(): Promise<boolean> {
  const sequelize = AuditEvent.sequelize!;
  const sql =
    sequelize.getDialect() === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'"
      : "SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_TABLE = 'audit_events' AND TRIGGER_SCHEMA = DATABASE()";
  const triggers = await sequelize.query<{ name: string }>(sql, { type: QueryTypes.SELECT });
  const names = new Set(triggers.map((t) => t.name));
  return names.has('audit_events_no_update') && names.has('audit_events_no_delete');
}
