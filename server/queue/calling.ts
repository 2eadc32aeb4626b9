import { Op, type WhereOptions } from 'sequelize';
import { QueueTicket } from './ticket.model.ts';
import { activeHall, callOrder, hasGreenWindow, plainTicket, type TicketRecord, type Who } from './tickets.ts';
import { emitHallEvent } from './hall-events.ts';
import { hallsWithin, type HallRecord, type HallWindowRecord } from '../organization/index.ts';
import { accountById, type Principal } from '../auth/index.ts';
import { caseByNo } from '../cases/index.ts';
import { shanghaiDay, shanghaiTime } from '../calendar/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { AuditAction } from '../../contract/audit-actions.ts';
import { AppError, conflict, notFound } from '../errors/app-error.ts';
import { isWithinRegion } from '../../contract/regions.ts';
import type { TicketStatus } from '../../contract/requests/queue.ts';
import type { Locale, Localized } from '../i18n/locale.ts';

/** The windows a clerk may sit at: those of the halls in their region (every hall for a clerk of the whole platform). */
export async function windowsOfClerk(principal: Principal): Promise<HallRecord[]> {
  const halls = (await hallsWithin()).filter((h) => h.active && (!principal.regionCode || isWithinRegion(h.regionCode, principal.regionCode)));
  return halls.map((h) => ({ ...h, windows: h.windows.filter((w) => w.active) })).filter((h) => h.windows.length);
}

/** The window a clerk calls at, with its hall: 404 for no such window in use, 403 for one outside the clerk's region. */
export async function clerkWindow(principal: Principal, windowId: number): Promise<{ hall: HallRecord; window: HallWindowRecord }> {
  const hall = (await hallsWithin()).find((h) => h.active && h.windows.some((w) => w.id === windowId && w.active));
  if (!hall) throw notFound('window_not_found');
  if (principal.regionCode && !isWithinRegion(hall.regionCode, principal.regionCode)) throw new AppError(403, 'window_not_yours');
  const active = await activeHall(hall.id);
  return { hall: active, window: active.windows.find((w) => w.id === windowId)! };
}

/**
 * What a window serves, first things first (docs/hall-queue.md):
 * - 绿色通道 window: green tickets, then general ones;
 * - 综合窗口: general tickets; in a hall without a 绿色通道 window, green tickets first;
 * - 专窗 of a department: its department's tickets; in a hall without a 绿色通道 window, green tickets naming its department first.
 * Within each, a booking before walk-ins, then by the time taken.
 */
export function servesFirst(window: HallWindowRecord, hall: HallRecord, waiting: QueueTicket[]): QueueTicket[] {
  const noGreen = !hasGreenWindow(hall);
  const green = waiting.filter((t) => t.windowKind === 'green').sort(callOrder);
  const general = waiting.filter((t) => t.windowKind === 'general').sort(callOrder);
  if (window.kind === 'green') return [...green, ...general];
  if (window.kind === 'general') return [...(noGreen ? green : []), ...general];
  const own = waiting.filter((t) => t.windowKind === 'special' && t.departmentCode === window.departmentCode).sort(callOrder);
  return [...(noGreen ? green.filter((t) => t.departmentCode === window.departmentCode) : []), ...own];
}

const STATUS_WORDS: Record<TicketStatus, Localized> = {
  waiting: { 'zh-CN': '等候中', en: 'waiting' },
  called: { 'zh-CN': '已叫号', en: 'called' },
  serving: { 'zh-CN': '办理中', en: 'being served' },
  done: { 'zh-CN': '已办结', en: 'finished' },
  no_show: { 'zh-CN': '已过号（未到）', en: 'marked a no-show' },
  cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
};
/** A status in words, within a sentence: 已叫号, called. */
export const ticketStatusWords = (status: TicketStatus): Localized => STATUS_WORDS[status];
/** A status as a label (a tag on a page): 已叫号, Called. */
export const ticketStatusLabel = (status: TicketStatus, locale: Locale): string => {
  const words = STATUS_WORDS[status][locale];
  return locale === 'en' ? `${words[0]!.toUpperCase()}${words.slice(1)}` : words;
};

/** A 409 saying where the ticket is now, at which window, by whom and since when. */
async function stateConflict(ticket: QueueTicket, wanted: Localized): Promise<AppError> {
  const clerk = ticket.calledBy ? await accountById(ticket.calledBy) : null;
  const at = ticket.finishedAt ?? ticket.servedAt ?? ticket.calledAt ?? ticket.takenAt;
  const where = ticket.windowNumber ? { zh: `在 ${ticket.windowNumber} 号窗口`, en: ` at window ${ticket.windowNumber}` } : { zh: '', en: '' };
  const by = clerk ? { zh: `由 ${clerk.displayName}（${clerk.username}）`, en: ` by ${clerk.displayName} (${clerk.username})` } : { zh: '', en: '' };
  return conflict('ticket_state', {
    'zh-CN': `${ticket.number} 号不能${wanted['zh-CN']}：已于 ${shanghaiTime(at)} ${by.zh}${where.zh}${STATUS_WORDS[ticket.status]['zh-CN']}`,
    en: `Ticket ${ticket.number} cannot be ${wanted.en}: it was ${STATUS_WORDS[ticket.status].en}${where.en}${by.en} at ${shanghaiTime(at)} (Beijing time)`,
  });
}

/** Moves a ticket on only if it is still where the action starts from: one UPDATE … WHERE status IN (…), never read-then-write. */
async function transition(
  ticket: QueueTicket,
  from: TicketStatus[],
  changes: Partial<QueueTicket['_creationAttributes']>,
  audit: { action: AuditAction; who: Who; detail?: Record<string, unknown> },
  /** what the caller wanted, for the 409 if the ticket moved on meanwhile; null: answer null instead (the next candidate is tried) */
  wanted: Localized | null,
): Promise<QueueTicket | null> {
  const moved = await QueueTicket.sequelize!.transaction(async (transaction) => {
    const [count] = await QueueTicket.update(
      { ...changes, updatedAt: new Date() },
      {
        where: { id: ticket.id, status: { [Op.in]: from } } as WhereOptions,
        transaction,
      },
    );
    if (count !== 1) return false;
    await recordAudit(
      { ...audit.who, action: audit.action, target: `queue-ticket:${ticket.id}`, detail: { hallId: ticket.hallId, number: ticket.number, ...audit.detail } },
      transaction,
    );
    return true;
  });
  const now = await QueueTicket.findByPk(ticket.id);
  if (!moved) {
    if (!wanted) return null;
    throw await stateConflict(now!, wanted);
  }
  return now;
}

/**
 * 叫号: the next ticket this window serves. Each candidate is taken by an UPDATE … WHERE
 * status='waiting'; a clerk who loses one to another window at the same moment takes the next.
 * A window serving a ticket (called or serving) finishes it or marks it a no-show first: the
 * ticket holds the window's key for the day (unique), so two clerks at one window get one ticket.
 */
export async function callNext(principal: Principal, windowId: number, who: Who): Promise<TicketRecord> {
  const { hall, window } = await clerkWindow(principal, windowId);
  const day = shanghaiDay(new Date());
  const windowBusy = async (): Promise<AppError> => {
    const busy = await QueueTicket.findOne({ where: { windowId, serviceDay: day, status: { [Op.in]: ['called', 'serving'] } } });
    return conflict('window_busy', {
      'zh-CN': `${window.number} 号窗口正在办理 ${busy?.number ?? ''} 号（${STATUS_WORDS[busy?.status ?? 'called']['zh-CN']}），请先办结或标记未到`,
      en: `Window ${window.number} has ticket ${busy?.number ?? ''} (${STATUS_WORDS[busy?.status ?? 'called'].en}): finish it or mark it a no-show first`,
    });
  };
  if (await QueueTicket.count({ where: { busyWindowKey: `${day}:${windowId}` } })) throw await windowBusy();
  for (let round = 0; round < 5; round++) {
    const waiting = await QueueTicket.findAll({ where: { hallId: hall.id, serviceDay: day, status: 'waiting' } });
    const candidates = servesFirst(window, hall, waiting);
    if (!candidates.length) break;
    for (const candidate of candidates.slice(0, 5)) {
      const at = new Date();
      // the window's key is unique: a second clerk calling at this window at the same moment is refused here
      const taken = await transition(
        candidate,
        ['waiting'],
        {
          busyWindowKey: `${day}:${window.id}`,
          status: 'called',
          windowId: window.id,
          windowNumber: window.number,
          calledBy: principal.id,
          callCount: 1,
          calledAt: at,
          waitSeconds: Math.max(0, Math.round((at.getTime() - candidate.takenAt.getTime()) / 1000)),
        },
        { action: 'queue.called', who, detail: { window: window.number } },
        null,
      ).catch(async (err: unknown) => {
        // refused by the window's key (MariaDB may report the crossing as a deadlock): the other clerk has the window's ticket
        const e = err as { name?: string; original?: { errno?: number } };
        const crossed = e.name === 'SequelizeUniqueConstraintError' || e.original?.errno === 1213;
        if (crossed && (await QueueTicket.count({ where: { busyWindowKey: `${day}:${window.id}` } }))) throw await windowBusy();
        throw err;
      });
      if (taken) {
        emitHallEvent(hall.id, { type: 'called', number: taken.number, windowNumber: window.number, at: at.toISOString() });
        return plainTicket(taken);
      }
    }
  }
  throw conflict('queue_empty', {
    'zh-CN': `${window.number} 号窗口当前没有可叫的排队号`,
    en: `No ticket window ${window.number} serves is waiting`,
  });
}

/** A ticket of a hall the clerk may call at. */
export async function ticketOfClerk(principal: Principal, ticketId: number): Promise<QueueTicket> {
  const ticket = await QueueTicket.findByPk(ticketId);
  if (!ticket) throw notFound('ticket_not_found');
  const hall = (await hallsWithin()).find((h) => h.id === ticket.hallId);
  if (!hall || (principal.regionCode && !isWithinRegion(hall.regionCode, principal.regionCode))) throw notFound('ticket_not_found');
  return ticket;
}

/** 重新叫号: says a called ticket's number again at its window. */
export async function recall(principal: Principal, ticketId: number, who: Who): Promise<TicketRecord> {
  const ticket = await ticketOfClerk(principal, ticketId);
  const moved = await transition(
    ticket,
    ['called'],
    { callCount: ticket.callCount + 1 },
    { action: 'queue.recalled', who, detail: { window: ticket.windowNumber, call: ticket.callCount + 1 } },
    { 'zh-CN': '重新叫号', en: 'called again' },
  );
  emitHallEvent(ticket.hallId, { type: 'recalled', number: ticket.number, windowNumber: ticket.windowNumber, at: new Date().toISOString() });
  return plainTicket(moved!);
}

/** 过号: the called person did not come. */
export async function markNoShow(principal: Principal, ticketId: number, who: Who): Promise<TicketRecord> {
  const ticket = await ticketOfClerk(principal, ticketId);
  const moved = await transition(
    ticket,
    ['called'],
    { status: 'no_show', finishedAt: new Date(), busyWindowKey: null },
    { action: 'queue.no_show', who, detail: { window: ticket.windowNumber } },
    { 'zh-CN': '标记为未到', en: 'marked a no-show' },
  );
  emitHallEvent(ticket.hallId, { type: 'changed', number: ticket.number, windowNumber: ticket.windowNumber, at: new Date().toISOString() });
  return plainTicket(moved!);
}

/** 开始办理: the called person is at the window. */
export async function startServing(principal: Principal, ticketId: number, who: Who): Promise<TicketRecord> {
  const ticket = await ticketOfClerk(principal, ticketId);
  const moved = await transition(
    ticket,
    ['called'],
    { status: 'serving', servedAt: new Date() },
    { action: 'queue.serving', who, detail: { window: ticket.windowNumber } },
    { 'zh-CN': '开始办理', en: 'served' },
  );
  emitHallEvent(ticket.hallId, { type: 'changed', number: ticket.number, windowNumber: ticket.windowNumber, at: new Date().toISOString() });
  return plainTicket(moved!);
}

/** 办结: the visit is over; the person may rate it on the ticket's page. */
export async function finishTicket(principal: Principal, ticketId: number, who: Who): Promise<TicketRecord> {
  const ticket = await ticketOfClerk(principal, ticketId);
  const moved = await transition(
    ticket,
    ['serving'],
    { status: 'done', finishedAt: new Date(), busyWindowKey: null },
    { action: 'queue.finished', who, detail: { window: ticket.windowNumber, caseNo: ticket.caseNo } },
    { 'zh-CN': '办结', en: 'finished' },
  );
  emitHallEvent(ticket.hallId, { type: 'changed', number: ticket.number, windowNumber: ticket.windowNumber, at: new Date().toISOString() });
  return plainTicket(moved!);
}

/** The case accepted at the window for this ticket (the window page, once it created the case): one case per ticket. */
export async function linkCase(principal: Principal, ticketId: number, caseNo: string, who: Who): Promise<TicketRecord> {
  const ticket = await ticketOfClerk(principal, ticketId);
  const found = await caseByNo(caseNo);
  if (!found) throw notFound('case_not_found');
  if (ticket.caseNo && ticket.caseNo !== caseNo)
    throw conflict('ticket_state', {
      'zh-CN': `${ticket.number} 号已关联办件 ${ticket.caseNo}`,
      en: `Ticket ${ticket.number} is linked to case ${ticket.caseNo} already`,
    });
  const moved = await transition(
    ticket,
    ['called', 'serving'],
    { caseNo, status: 'serving', servedAt: ticket.servedAt ?? new Date() },
    { action: 'queue.case_linked', who, detail: { caseNo } },
    { 'zh-CN': '关联办件', en: 'linked to a case' },
  );
  return plainTicket(moved!);
}
