import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { OpinionRow } from './staff-facts.ts';

/**
 * What the read model reads of the cases' own tables, for a batch of cases at a time (a handful of
 * queries per batch, never per case): the read model only reads them, and owns only its own tables
 * (case_facts, indicator_counts, indicator_months, staff_counts, supervision_cursors). These are SQL reads of other domains' tables
 * by design: a projection across domains (docs/indicators.md says which columns it depends on).
 */

export interface CaseRow {
  id: number;
  caseNo: string;
  kind: 'item' | 'bundle';
  parentCaseId: number | null;
  itemCode: string;
  /** the bundle of a bundle's item case (its parent's code) */
  parentItemCode: string | null;
  departmentCode: string;
  regionCode: string | null;
  channel: string;
  status: string;
  createdAt: Date;
  acceptedAt: Date | null;
  finishedAt: Date | null;
  promisedDueAt: Date | null;
  statutoryDueAt: Date | null;
  suspendedWorkingDays: number;
  decision: string | null;
  hasAgent: boolean;
}

export interface TimelineRow {
  caseId: number;
  type: string;
  at: Date;
  detail: Record<string, unknown>;
}

export interface FactInputs {
  case: CaseRow;
  timeline: TimelineRow[];
  commitments: { kind: string }[];
  /** files handed in, and how many of them are files of the applicant's earlier cases (复用) */
  files: number;
  reusedFiles: number;
  /** materials given as the applicant's e-licences (电子证照) */
  licences: number;
  deliveries: { method: string; status: string }[];
  rating: { level: number; at: Date; rectification: { status: string; resolvedAt: Date | null } | null } | null;
  /** the opinions recorded on the case and, for a 一件事, on its items (staff-facts.ts) */
  opinions: OpinionRow[];
}

/** the timeline entries the facts read: the rest (签收, 催办 …) changes no indicator */
export const FACT_EVENT_TYPES = [
  'acceptance.accepted',
  'acceptance.correction',
  'acceptance.not_accepted',
  'case.resubmitted',
  'case.materials_supplied',
] as const;

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const json = (v: unknown): Record<string, unknown> =>
  typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : ((v ?? {}) as Record<string, unknown>);

/** The inputs of the facts of these cases (a case gone from the table has none). */
export async function factInputs(sequelize: Sequelize, ids: number[], transaction?: Transaction): Promise<Map<number, FactInputs>> {
  const found = new Map<number, FactInputs>();
  if (ids.length === 0) return found;
  const select = <T extends object>(sql: string) => sequelize.query<T>(sql, { replacements: { ids }, type: QueryTypes.SELECT, transaction });

  const cases = await select<Record<string, unknown>>(
    `SELECT c.id, c.case_no, c.kind, c.parent_case_id, c.item_code, p.item_code AS parent_item_code, c.department_code, c.region_code,
            c.channel, c.status, c.created_at, c.accepted_at, c.finished_at, c.promised_due_at, c.statutory_due_at,
            c.suspended_working_days, c.decision, CASE WHEN c.agent IS NULL THEN 0 ELSE 1 END AS has_agent
       FROM cases c LEFT JOIN cases p ON p.id = c.parent_case_id
      WHERE c.id IN (:ids)`,
  );
  for (const r of cases) {
    const row: CaseRow = {
      id: Number(r.id),
      caseNo: String(r.case_no),
      kind: r.kind as CaseRow['kind'],
      parentCaseId: r.parent_case_id === null ? null : Number(r.parent_case_id),
      itemCode: String(r.item_code),
      parentItemCode: (r.parent_item_code as string | null) ?? null,
      departmentCode: String(r.department_code),
      regionCode: (r.region_code as string | null) ?? null,
      channel: String(r.channel),
      status: String(r.status),
      createdAt: date(r.created_at)!,
      acceptedAt: date(r.accepted_at),
      finishedAt: date(r.finished_at),
      promisedDueAt: date(r.promised_due_at),
      statutoryDueAt: date(r.statutory_due_at),
      suspendedWorkingDays: Number(r.suspended_working_days ?? 0),
      decision: (r.decision as string | null) ?? null,
      hasAgent: Number(r.has_agent) === 1,
    };
    found.set(row.id, { case: row, timeline: [], commitments: [], files: 0, reusedFiles: 0, licences: 0, deliveries: [], rating: null, opinions: [] });
  }
  if (found.size === 0) return found;
  const of = (id: unknown) => found.get(Number(id));

  const events = await sequelize.query<Record<string, unknown>>(
    `SELECT case_id, type, created_at, detail FROM timeline_events WHERE case_id IN (:ids) AND type IN (:types) ORDER BY id`,
    { replacements: { ids, types: [...FACT_EVENT_TYPES] }, type: QueryTypes.SELECT, transaction },
  );
  for (const e of events) of(e.case_id)?.timeline.push({ caseId: Number(e.case_id), type: String(e.type), at: date(e.created_at)!, detail: json(e.detail) });

  for (const c of await select<{ case_id: number; kind: string }>(`SELECT case_id, kind FROM commitments WHERE case_id IN (:ids)`))
    of(c.case_id)?.commitments.push({ kind: c.kind });

  // a file is reused when an earlier case of the platform was given the same stored file
  const files = await select<{ case_id: number; files: number | string; reused: number | string }>(
    `SELECT m.case_id, COUNT(*) AS files,
            SUM(CASE WHEN EXISTS (SELECT 1 FROM case_materials e WHERE e.attachment_id = m.attachment_id AND e.case_id < m.case_id) THEN 1 ELSE 0 END) AS reused
       FROM case_materials m WHERE m.case_id IN (:ids) GROUP BY m.case_id`,
  );
  for (const f of files) {
    const inputs = of(f.case_id);
    if (inputs) Object.assign(inputs, { files: Number(f.files), reusedFiles: Number(f.reused ?? 0) });
  }
  for (const l of await select<{ case_id: number; n: number | string }>(
    `SELECT case_id, COUNT(*) AS n FROM case_licenses WHERE case_id IN (:ids) GROUP BY case_id`,
  )) {
    const inputs = of(l.case_id);
    if (inputs) inputs.licences = Number(l.n);
  }
  for (const d of await select<{ case_id: number; method: string; status: string }>(`SELECT case_id, method, status FROM deliveries WHERE case_id IN (:ids)`))
    of(d.case_id)?.deliveries.push({ method: d.method, status: d.status });

  // the case's latest rating, and the problem a bad one raised (问题闭环): rectified or closed is resolved, at its latest rectification
  const ratings = await select<Record<string, unknown>>(
    `SELECT r.case_id, r.level, r.created_at,
            CASE WHEN x.status IN ('rectified', 'closed') THEN 'resolved' ELSE x.status END AS rectification_status,
            CASE WHEN x.status IN ('rectified', 'closed') THEN x.rectified_at END AS resolved_at
       FROM case_ratings r LEFT JOIN problems x ON x.rating_id = r.id
      WHERE r.case_id IN (:ids) ORDER BY r.id`,
  );
  for (const r of ratings) {
    const inputs = of(r.case_id);
    if (!inputs) continue;
    inputs.rating = {
      level: Number(r.level),
      at: date(r.created_at)!,
      rectification: r.rectification_status ? { status: String(r.rectification_status), resolvedAt: date(r.resolved_at) } : null,
    };
  }
  // a bundle's rating goes to everyone who decided on it or its items: its items' opinions are its own too
  const opinions = await select<Record<string, unknown>>(
    `SELECT o.id, o.case_id, c.parent_case_id, o.user_id, o.department_code, o.region_code, o.outcome, o.created_at, o.task_created_at, o.step_due_at
       FROM opinions o JOIN cases c ON c.id = o.case_id
      WHERE o.case_id IN (:ids) OR c.parent_case_id IN (:ids) ORDER BY o.id`,
  );
  for (const o of opinions) {
    const row: OpinionRow = {
      id: Number(o.id),
      caseId: Number(o.case_id),
      userId: Number(o.user_id),
      departmentCode: (o.department_code as string | null) ?? null,
      regionCode: (o.region_code as string | null) ?? null,
      outcome: String(o.outcome),
      at: date(o.created_at)!,
      taskCreatedAt: date(o.task_created_at),
      stepDueAt: date(o.step_due_at),
    };
    of(o.case_id)?.opinions.push(row);
    if (o.parent_case_id !== null) of(o.parent_case_id)?.opinions.push(row);
  }
  return found;
}
