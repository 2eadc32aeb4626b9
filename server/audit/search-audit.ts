import { Op, type WhereOptions } from 'sequelize';
import { assertValid } from '../validation/ajv.ts';
import { AuditEvent } from './audit-event.model.ts';

export const auditQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', format: 'date-time', title: '开始时间', 'x-title-en': 'From' },
    to: { type: 'string', format: 'date-time', title: '结束时间', 'x-title-en': 'To' },
    actor: { type: 'string', minLength: 1, maxLength: 64, title: '操作人', 'x-title-en': 'Actor' },
    action: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z0-9_.-]+$', title: '操作', 'x-title-en': 'Action' },
    target: { type: 'string', minLength: 1, maxLength: 128, title: '对象', 'x-title-en': 'Target' },
    outcome: { type: 'string', enum: ['success', 'failure'], title: '结果', 'x-title-en': 'Outcome' },
    page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$', title: '页码', 'x-title-en': 'Page' },
    size: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$', title: '每页条数', 'x-title-en': 'Page size' },
  },
};

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  target?: string;
  outcome?: 'success' | 'failure';
  page?: string;
  size?: string;
}

/** The filter of a search; an action ending in `.` finds every act of that domain (`auth.`). */
export function auditWhere(query: unknown): WhereOptions<AuditEvent> {
  assertValid<AuditQuery>(auditQuerySchema, query, 'query');
  const q = query as AuditQuery;
  const at = { ...(q.from ? { [Op.gte]: new Date(q.from) } : {}), ...(q.to ? { [Op.lte]: new Date(q.to) } : {}) };
  return {
    ...(q.from || q.to ? { at } : {}),
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.action ? { action: q.action.endsWith('.') ? { [Op.startsWith]: q.action } : q.action } : {}),
    ...(q.target ? { target: q.target } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
  };
}

export const auditView = (e: AuditEvent) => ({
  id: Number(e.id),
  at: e.at.toISOString(),
  actor: e.actor,
  clientAddress: e.clientAddress,
  action: e.action,
  target: e.target,
  outcome: e.outcome,
  detail: JSON.parse(e.detail) as Record<string, unknown>,
  hash: e.hash,
});

/** One page of the trail, newest first, with the exact total of the filter. */
export async function searchAuditTrail(query: unknown) {
  const where = auditWhere(query);
  const q = query as AuditQuery;
  const size = Number(q.size ?? 50);
  const page = Number(q.page ?? 1);
  const { count, rows } = await AuditEvent.findAndCountAll({ where, order: [['id', 'DESC']], limit: size, offset: (page - 1) * size });
  return { total: count, page, size, events: rows.map(auditView) };
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // a cell a spreadsheet would run as a formula is quoted as text
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The filter's rows as CSV (UTF-8 with a BOM, for spreadsheets), oldest first, at most `limit` rows. */
export async function auditCsv(query: unknown, limit = 100_000): Promise<{ csv: string; rows: number }> {
  const where = auditWhere(query);
  const rows = await AuditEvent.findAll({ where, order: [['id', 'ASC']], limit });
  const header = ['id', 'at', 'actor', 'clientAddress', 'action', 'target', 'outcome', 'detail', 'hash'];
  const lines = rows.map(auditView).map((e) => [e.id, e.at, e.actor, e.clientAddress, e.action, e.target, e.outcome, e.detail, e.hash].map(csvCell).join(','));
  return { csv: `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`, rows: rows.length };
}
