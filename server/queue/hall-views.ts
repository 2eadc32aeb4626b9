import { Op } from 'sequelize';
import { QueueTicket } from './ticket.model.ts';
import { activeHall, aheadOf, waitingToday, type TicketRecord } from './tickets.ts';
import { servesFirst, ticketStatusLabel, windowsOfClerk } from './calling.ts';
import { departmentsByCodes, type HallRecord } from '../organization/index.ts';
import { latestBundles, latestItem, latestItems } from '../catalog/index.ts';
import { maskPersonal } from '../../contract/catalog/personal.ts';
import { shanghaiDay } from '../calendar/index.ts';
import type { Principal } from '../auth/index.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import { PRIORITY_REASONS, type PriorityReason } from '../../contract/requests/queue.ts';
import type { WindowKind } from '../../contract/requests/organization.ts';

export const WINDOW_KIND_WORDS: Record<WindowKind, Localized> = {
  general: { 'zh-CN': '综合窗口', en: 'General window' },
  special: { 'zh-CN': '专窗', en: 'Department window' },
  green: { 'zh-CN': '绿色通道', en: 'Green channel' },
};

export const PRIORITY_WORDS: Record<PriorityReason, Localized> = {
  elderly: { 'zh-CN': '老年人', en: 'Elderly' },
  disabled: { 'zh-CN': '残疾人', en: 'Disabled' },
  pregnant: { 'zh-CN': '孕妇', en: 'Pregnant' },
  serviceman: { 'zh-CN': '军人', en: 'Serviceman or servicewoman' },
  key_project: { 'zh-CN': '重点项目', en: 'Key project' },
};

const hallName = (hall: HallRecord, locale: Locale) => (locale === 'en' ? hall.nameEn : hall.nameZh);

/** Waiting tickets per line: 综合, each 专窗's department, 绿色通道. */
function waitingLines(hall: HallRecord, waiting: QueueTicket[], names: Map<string, string>, locale: Locale) {
  const specials = [...new Set(hall.windows.filter((w) => w.kind === 'special').map((w) => w.departmentCode!))];
  return [
    {
      windowKind: 'general' as const,
      departmentCode: null,
      label: WINDOW_KIND_WORDS.general[locale],
      waiting: waiting.filter((t) => t.windowKind === 'general').length,
    },
    ...specials.map((code) => ({
      windowKind: 'special' as const,
      departmentCode: code,
      label: `${WINDOW_KIND_WORDS.special[locale]} · ${names.get(code) ?? code}`,
      waiting: waiting.filter((t) => t.windowKind === 'special' && t.departmentCode === code).length,
    })),
    {
      windowKind: 'green' as const,
      departmentCode: null,
      label: WINDOW_KIND_WORDS.green[locale],
      waiting: waiting.filter((t) => t.windowKind === 'green').length,
    },
  ];
}

async function departmentNames(codes: string[], locale: Locale): Promise<Map<string, string>> {
  return new Map((await departmentsByCodes(codes)).map((d) => [d.code, locale === 'en' ? d.nameEn : d.nameZh]));
}

/** The kiosk's page: what a person may take a ticket for here, and how long each line is. */
export async function kioskOf(hallId: number, locale: Locale) {
  const hall = await activeHall(hallId);
  const specials = [...new Set(hall.windows.filter((w) => w.kind === 'special').map((w) => w.departmentCode!))];
  const names = await departmentNames(specials, locale);
  const [items, bundles] = await Promise.all([latestItems(), latestBundles()]);
  return {
    hall: { id: hall.id, name: hallName(hall, locale), address: hall.address },
    hasGreenWindow: hall.windows.some((w) => w.kind === 'green'),
    departments: specials.map((code) => ({ code, name: names.get(code) ?? code })),
    priorities: PRIORITY_REASONS.map((code) => ({ code, label: PRIORITY_WORDS[code][locale] })),
    items: [
      ...items.map((i) => ({
        code: i.code,
        name: locale === 'en' ? i.definition.nameEn : i.name,
        departmentCode: i.definition.departmentCode as string | null,
      })),
      ...bundles.map((b) => ({ code: b.code, name: locale === 'en' ? b.definition.nameEn : b.definition.name, departmentCode: null })),
    ],
    lines: waitingLines(hall, await waitingToday(hall.id), names, locale),
  };
}

/** A ticket as the person sees it (the slip, its page): no name, no phone. */
export function publicTicket(
  ticket: Pick<
    TicketRecord,
    'number' | 'token' | 'windowKind' | 'departmentCode' | 'priority' | 'status' | 'windowNumber' | 'takenAt' | 'calledAt' | 'finishedAt' | 'waitSeconds'
  >,
  hall: HallRecord,
  ahead: number,
  locale: Locale,
) {
  return {
    number: ticket.number,
    token: ticket.token,
    hall: { id: hall.id, name: hallName(hall, locale) },
    windowKind: ticket.windowKind,
    windowKindLabel: WINDOW_KIND_WORDS[ticket.windowKind][locale],
    departmentCode: ticket.departmentCode,
    priority: ticket.priority,
    status: ticket.status,
    statusLabel: ticketStatusLabel(ticket.status, locale),
    ahead,
    windowNumber: ticket.windowNumber,
    takenAt: ticket.takenAt.toISOString(),
    calledAt: ticket.calledAt?.toISOString() ?? null,
    finishedAt: ticket.finishedAt?.toISOString() ?? null,
    waitSeconds: ticket.waitSeconds,
  };
}

const CALLS_SHOWN = 8;

/** The hall display: the latest calls (who to which window), and each line's waiting count. */
export async function displayOf(hallId: number, locale: Locale) {
  const hall = await activeHall(hallId);
  const day = shanghaiDay(new Date());
  const calls = await QueueTicket.findAll({
    where: { hallId, serviceDay: day, calledAt: { [Op.ne]: null } },
    order: [
      ['calledAt', 'DESC'],
      ['id', 'DESC'],
    ],
    limit: CALLS_SHOWN,
  });
  const specials = hall.windows.filter((w) => w.kind === 'special').map((w) => w.departmentCode!);
  return {
    hall: { id: hall.id, name: hallName(hall, locale) },
    calls: calls.map((t) => ({
      number: t.number,
      windowNumber: t.windowNumber!,
      status: t.status,
      statusLabel: ticketStatusLabel(t.status, locale),
      calledAt: t.calledAt!.toISOString(),
      callCount: t.callCount,
    })),
    lines: waitingLines(hall, await waitingToday(hallId, day), await departmentNames(specials, locale), locale),
  };
}

/** A ticket as the clerk's panel lists it: the phone masked. */
function panelTicket(t: QueueTicket, locale: Locale) {
  return {
    id: t.id,
    number: t.number,
    windowKind: t.windowKind,
    departmentCode: t.departmentCode,
    itemCode: t.itemCode,
    source: t.source,
    priority: t.priority,
    priorityLabel: t.priority ? PRIORITY_WORDS[t.priority][locale] : null,
    personName: t.personName,
    phone: t.phone ? maskPersonal('phone', t.phone) : null,
    status: t.status,
    statusLabel: ticketStatusLabel(t.status, locale),
    windowNumber: t.windowNumber,
    callCount: t.callCount,
    takenAt: t.takenAt.toISOString(),
    calledAt: t.calledAt?.toISOString() ?? null,
    waitSeconds: t.waitSeconds,
    caseNo: t.caseNo,
  };
}
export type PanelTicket = ReturnType<typeof panelTicket>;

/** The clerk's calling panel: the windows they may sit at; for the chosen one, its ticket now, what it would call next, the lines. */
export async function panelOf(principal: Principal, windowId: number | null, locale: Locale) {
  const halls = await windowsOfClerk(principal);
  const windows = halls.flatMap((h) =>
    h.windows.map((w) => ({
      id: w.id,
      number: w.number,
      kind: w.kind,
      kindLabel: WINDOW_KIND_WORDS[w.kind][locale],
      departmentCode: w.departmentCode,
      hallId: h.id,
      hallName: hallName(h, locale),
    })),
  );
  const chosen = windowId ? windows.find((w) => w.id === windowId) : undefined;
  if (!chosen) return { windows, window: null, current: null, queue: [], lines: [], done: [] };
  const hall = halls.find((h) => h.id === chosen.hallId)!;
  const window = hall.windows.find((w) => w.id === chosen.id)!;
  const day = shanghaiDay(new Date());
  const waiting = await waitingToday(hall.id, day);
  const mine = await QueueTicket.findAll({ where: { windowId: window.id, serviceDay: day }, order: [['calledAt', 'DESC']] });
  const current = mine.find((t) => t.status === 'called' || t.status === 'serving');
  const specials = hall.windows.filter((w) => w.kind === 'special').map((w) => w.departmentCode!);
  return {
    windows,
    window: chosen,
    current: current ? panelTicket(current, locale) : null,
    queue: servesFirst(window, hall, waiting).map((t) => panelTicket(t, locale)),
    lines: waitingLines(hall, waiting, await departmentNames(specials, locale), locale),
    done: mine
      .filter((t) => t !== current)
      .slice(0, 10)
      .map((t) => panelTicket(t, locale)),
  };
}

/**
 * The called ticket as the window page takes it to prefill the intake: the person's name and the
 * item; the phone masked, as every answer shows personal data (the clerk asks for it in the intake).
 */
export async function ticketForIntake(t: QueueTicket) {
  return {
    id: t.id,
    number: t.number,
    itemCode: t.itemCode,
    itemKind: t.itemCode ? ((await latestItem(t.itemCode)) ? ('item' as const) : ('bundle' as const)) : null,
    personName: t.personName,
    phone: t.phone ? maskPersonal('phone', t.phone) : null,
    status: t.status,
    caseNo: t.caseNo,
    hallId: t.hallId,
    source: t.source,
    bookingId: t.bookingId,
  };
}

/** How many are ahead of a ticket now. */
export async function aheadNow(ticket: QueueTicket): Promise<{ hall: HallRecord; ahead: number }> {
  const hall = await activeHall(ticket.hallId);
  return { hall, ahead: aheadOf(ticket, await waitingToday(ticket.hallId, ticket.serviceDay), hall) };
}
