import { randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import { QueueTicket } from './ticket.model.ts';
import { hallsWithin, type HallRecord } from '../organization/index.ts';
import { latestBundle, latestItem } from '../catalog/index.ts';
import { shanghaiDay } from '../calendar/index.ts';
import { recordAudit, type AuditEntry } from '../audit/index.ts';
import { notFound, validationFailed, fieldProblem } from '../errors/app-error.ts';
import { emitHallEvent } from './hall-events.ts';
import { ticketRules, TICKET_PREFIXES, type PriorityReason, type TicketSource, type TicketStatus } from '../../contract/requests/queue.ts';
import type { WindowKind } from '../../contract/requests/organization.ts';

export type Who = Pick<AuditEntry, 'actor' | 'clientAddress'>;

/** A ticket as plain data (the person's phone in clear: for the domain's callers, never a public page). */
export interface TicketRecord {
  id: number;
  hallId: number;
  serviceDay: string;
  number: string;
  windowKind: WindowKind;
  departmentCode: string | null;
  itemCode: string | null;
  source: TicketSource;
  bookingId: number | null;
  personName: string | null;
  phone: string | null;
  priority: PriorityReason | null;
  status: TicketStatus;
  windowId: number | null;
  windowNumber: string | null;
  calledBy: number | null;
  callCount: number;
  takenAt: Date;
  calledAt: Date | null;
  servedAt: Date | null;
  finishedAt: Date | null;
  waitSeconds: number | null;
  caseNo: string | null;
  /** the slip's short link: /q/<token> */
  token: string;
  /** waiting tickets called before this one (0 once called) */
  ahead: number;
}

export interface IssueTicketInput {
  hallId: number;
  windowKind: WindowKind;
  departmentCode?: string | null;
  itemCode?: string | null;
  bookingId?: number | null;
  personName?: string | null;
  phone?: string | null;
  priority?: PriorityReason | null;
}

export const plainTicket = (t: QueueTicket, ahead = 0): TicketRecord => ({
  id: t.id,
  hallId: t.hallId,
  serviceDay: t.serviceDay,
  number: t.number,
  windowKind: t.windowKind,
  departmentCode: t.departmentCode ?? null,
  itemCode: t.itemCode ?? null,
  source: t.source,
  bookingId: t.bookingId ?? null,
  personName: t.personName ?? null,
  phone: t.phone ?? null,
  priority: t.priority ?? null,
  status: t.status,
  windowId: t.windowId ?? null,
  windowNumber: t.windowNumber ?? null,
  calledBy: t.calledBy ?? null,
  callCount: t.callCount ?? 0,
  takenAt: t.takenAt,
  calledAt: t.calledAt ?? null,
  servedAt: t.servedAt ?? null,
  finishedAt: t.finishedAt ?? null,
  waitSeconds: t.waitSeconds ?? null,
  caseNo: t.caseNo ?? null,
  token: t.token,
  ahead,
});

/** A hall in use, with its windows in use; 404 otherwise. */
export async function activeHall(hallId: number): Promise<HallRecord> {
  const hall = (await hallsWithin()).find((h) => h.id === hallId && h.active);
  if (!hall) throw notFound('hall_not_found');
  return { ...hall, windows: hall.windows.filter((w) => w.active) };
}

export const hasGreenWindow = (hall: HallRecord): boolean => hall.windows.some((w) => w.kind === 'green');

/**
 * The order tickets are called in within one line (a kind, and a 专窗's department): a booked
 * person before walk-ins (预约优先), then by the time taken.
 */
export const callOrder = (a: Pick<QueueTicket, 'source' | 'id'>, b: Pick<QueueTicket, 'source' | 'id'>): number =>
  (a.source === 'booking' ? 0 : 1) - (b.source === 'booking' ? 0 : 1) || a.id - b.id;

/**
 * How many waiting tickets are called before this one: those of its line that come first, and, for
 * a 综合窗口 ticket in a hall without a 绿色通道 window, every waiting green ticket (they go first there).
 */
export function aheadOf(ticket: QueueTicket, waiting: QueueTicket[], hall: HallRecord): number {
  if (ticket.status !== 'waiting') return 0;
  const sameLine = (t: QueueTicket) => t.windowKind === ticket.windowKind && (ticket.windowKind !== 'special' || t.departmentCode === ticket.departmentCode);
  const before = waiting.filter((t) => t.id !== ticket.id && sameLine(t) && callOrder(t, ticket) < 0).length;
  const green = ticket.windowKind === 'general' && !hasGreenWindow(hall) ? waiting.filter((t) => t.windowKind === 'green').length : 0;
  return before + green;
}

/** The day's waiting tickets of a hall. */
export const waitingToday = (hallId: number, day = shanghaiDay(new Date())) =>
  QueueTicket.findAll({ where: { hallId, serviceDay: day, status: 'waiting' }, order: [['id', 'ASC']] });

async function checkAgainstHall(input: IssueTicketInput, hall: HallRecord): Promise<void> {
  const problems = ticketRules({ ...input });
  if (problems.length) throw validationFailed(problems);
  const kinds = new Set(hall.windows.map((w) => w.kind));
  if (input.windowKind === 'special' && !hall.windows.some((w) => w.kind === 'special' && w.departmentCode === input.departmentCode))
    throw validationFailed([
      fieldProblem(
        'departmentCode',
        `专窗部门：本大厅没有 ${input.departmentCode} 的专窗`,
        `Department: this hall has no special window of ${input.departmentCode}`,
      ),
    ]);
  // a general ticket is served at a 综合窗口, or at a 绿色通道 window once its green tickets are served
  if (input.windowKind === 'general' && !kinds.has('general') && !kinds.has('green'))
    throw validationFailed([fieldProblem('windowKind', '窗口类型：本大厅没有综合窗口', 'Window kind: this hall has no general window')]);
  // a green ticket goes first at the 绿色通道 window, else at the 综合窗口 (and its department's 专窗)
  if (input.windowKind === 'green' && !kinds.has('green') && !kinds.has('general') && !hall.windows.some((w) => w.departmentCode === input.departmentCode))
    throw validationFailed([
      fieldProblem('windowKind', '窗口类型：本大厅没有可办理绿色通道的窗口', 'Window kind: no window of this hall serves the green channel'),
    ]);
  if (input.itemCode && !(await latestItem(input.itemCode)) && !(await latestBundle(input.itemCode)))
    throw validationFailed([
      fieldProblem('itemCode', `办理事项：没有编码为 ${input.itemCode} 的事项或一件事`, `Service item: no item or bundle ${input.itemCode}`),
    ]);
}

const MAX_NUMBER_TRIES = 8;
const numberTaken = (err: unknown): boolean => {
  const e = err as { name?: string; original?: { code?: string; errno?: number } };
  return e.name === 'SequelizeUniqueConstraintError' || e.original?.code === 'ER_LOCK_DEADLOCK' || e.original?.errno === 1213;
};

/**
 * 取号: a ticket for a window kind (a 专窗's department, a 绿色通道's reason), numbered per hall,
 * kind and Shanghai day (A001, B001, G001). Two kiosks at once: the unique number refuses the
 * second insert, which takes the next number. A clerk's check-in of a booking is audited.
 */
export async function issueTicket(input: IssueTicketInput, who: Who): Promise<TicketRecord> {
  const hall = await activeHall(input.hallId);
  await checkAgainstHall(input, hall);
  const prefix = TICKET_PREFIXES[input.windowKind];
  for (let attempt = 0; ; attempt++) {
    const at = new Date();
    const day = shanghaiDay(at);
    try {
      const ticket = await QueueTicket.sequelize!.transaction(async (transaction) => {
        const last = (await QueueTicket.max('seq', { where: { hallId: hall.id, serviceDay: day, prefix }, transaction })) as number | null;
        const seq = (last ?? 0) + 1;
        const created = await QueueTicket.create(
          {
            hallId: hall.id,
            serviceDay: day,
            windowKind: input.windowKind,
            prefix,
            seq,
            number: `${prefix}${String(seq).padStart(3, '0')}`,
            departmentCode: input.departmentCode ?? null,
            itemCode: input.itemCode ?? null,
            source: input.bookingId ? 'booking' : 'walk_in',
            bookingId: input.bookingId ?? null,
            personName: input.personName?.trim() || null,
            phone: input.phone ?? null,
            priority: input.priority ?? null,
            status: 'waiting',
            takenAt: at,
            token: randomBytes(9).toString('base64url'),
            createdAt: at,
            updatedAt: at,
          },
          { transaction },
        );
        if (who.actor)
          await recordAudit(
            {
              ...who,
              action: 'queue.ticket_issued',
              target: `queue-ticket:${created.id}`,
              detail: { hallId: hall.id, number: created.number, bookingId: created.bookingId },
            },
            transaction,
          );
        return created;
      });
      const ahead = aheadOf(ticket, await waitingToday(hall.id, day), hall);
      emitHallEvent(hall.id, { type: 'issued', number: ticket.number, windowNumber: null, at: at.toISOString() });
      return plainTicket(ticket, ahead);
    } catch (err) {
      // the number taken meanwhile (MariaDB may report the crossing as a deadlock): take the next one
      if (!numberTaken(err) || attempt >= MAX_NUMBER_TRIES) throw err;
    }
  }
}

/** Today's queue of halls (every hall with tickets today when none are named): tickets waiting, and the average wait of those called so far. */
export async function queueLengthsToday(hallIds?: number[]): Promise<Map<number, { waiting: number; averageWaitMinutes: number | null }>> {
  const day = shanghaiDay(new Date());
  const rows = await QueueTicket.findAll({
    attributes: ['hallId', 'status', 'waitSeconds'],
    where: { serviceDay: day, status: { [Op.ne]: 'cancelled' }, ...(hallIds ? { hallId: { [Op.in]: hallIds } } : {}) },
  });
  const out = new Map<number, { waiting: number; waits: number[] }>();
  for (const id of hallIds ?? []) out.set(id, { waiting: 0, waits: [] });
  for (const r of rows) {
    const entry = out.get(r.hallId) ?? { waiting: 0, waits: [] };
    if (r.status === 'waiting') entry.waiting++;
    if (r.waitSeconds !== null) entry.waits.push(r.waitSeconds);
    out.set(r.hallId, entry);
  }
  return new Map(
    [...out].map(([id, e]) => [
      id,
      { waiting: e.waiting, averageWaitMinutes: e.waits.length ? Math.round((e.waits.reduce((s, w) => s + w, 0) / e.waits.length / 60) * 10) / 10 : null },
    ]),
  );
}
