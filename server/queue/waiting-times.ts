import { QueryTypes } from 'sequelize';
import { QueueTicket } from './ticket.model.ts';
import { hallsWithin } from '../organization/index.ts';

/** 等候时长 is counted against this: the share of the called tickets called within half an hour of being taken. */
export const PROMPT_WAIT_SECONDS = 30 * 60;

export interface HallWaitFigure {
  hallId: number;
  nameZh: string;
  nameEn: string;
  regionCode: string;
  /** tickets called in the period (each has its wait) */
  called: number;
  averageWaitMinutes: number | null;
  /** called within 30 minutes */
  within30: number;
  /** within30 / called, 0…1 */
  within30Share: number | null;
}

/**
 * 等候时长 per hall over a period of Shanghai days (the supervision's dashboard): of the tickets
 * called, the average wait and the share called within 30 minutes; for a department, only the
 * tickets of its 专窗 (and the green ones naming it). One grouped query over the period's tickets.
 */
export async function hallWaitingTimes(
  period: { from: string; to: string },
  filters: { regionCode?: string; departmentCode?: string },
): Promise<HallWaitFigure[]> {
  const replacements: Record<string, unknown> = { from: period.from, to: period.to, prompt: PROMPT_WAIT_SECONDS };
  if (filters.departmentCode) replacements.department = filters.departmentCode;
  const rows = await QueueTicket.sequelize!.query<{ hall_id: number; called: number | string; total: number | string; quick: number | string }>(
    `SELECT hall_id, COUNT(*) AS called, SUM(wait_seconds) AS total, SUM(CASE WHEN wait_seconds <= :prompt THEN 1 ELSE 0 END) AS quick
       FROM queue_tickets
      WHERE service_day >= :from AND service_day <= :to AND wait_seconds IS NOT NULL${filters.departmentCode ? ' AND department_code = :department' : ''}
      GROUP BY hall_id`,
    { replacements, type: QueryTypes.SELECT },
  );
  const byHall = new Map(rows.map((r) => [Number(r.hall_id), r]));
  const halls = await hallsWithin(filters.regionCode);
  return halls
    .filter((h) => h.active || byHall.has(h.id))
    .map((h) => {
      const r = byHall.get(h.id);
      const called = Number(r?.called ?? 0);
      const within30 = Number(r?.quick ?? 0);
      return {
        hallId: h.id,
        nameZh: h.nameZh,
        nameEn: h.nameEn,
        regionCode: h.regionCode,
        called,
        averageWaitMinutes: called ? Math.round((Number(r!.total) / called / 60) * 10) / 10 : null,
        within30,
        within30Share: called ? within30 / called : null,
      };
    });
}
