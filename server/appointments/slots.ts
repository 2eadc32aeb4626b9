import { Op } from 'sequelize';
import { AppointmentSlot } from './appointment.model.ts';
import { calendarFor, shanghaiDay, startOfDay, type WorkingCalendar } from '../calendar/index.ts';
import { hallsWithin, type HallRecord } from '../organization/index.ts';
import { latestBundle, latestItem } from '../catalog/index.ts';
import { notFound, validationFailed, fieldProblem } from '../errors/app-error.ts';
import { halfHourSlots, type WindowKind } from '../../contract/requests/organization.ts';
import type { PriorityReason } from '../../contract/requests/queue.ts';
import type { AppointmentSettings } from '../config/schema.ts';
import type { Localized } from '../i18n/locale.ts';

const DAY_MS = 86_400_000;
const SLOT_MS = 30 * 60_000;

/** The day after a Shanghai day. */
export const nextDay = (day: string): string => shanghaiDay(new Date(startOfDay(day).getTime() + DAY_MS));
/** When a slot of a day starts ('09:30' on 2026-12-08: 01:30 UTC). */
export const slotStart = (day: string, slot: string): Date =>
  new Date(startOfDay(day).getTime() + (Number(slot.slice(0, 2)) * 60 + Number(slot.slice(3, 5))) * 60_000);
export const slotEnd = (day: string, slot: string): Date => new Date(slotStart(day, slot).getTime() + SLOT_MS);

/** What a booking is for: an item, or a 一件事 (its lead department's 专窗). */
export interface BookingTarget {
  kind: 'item' | 'bundle';
  code: string;
  name: Localized;
  departmentCode: string;
}

export async function bookingTarget(code: string): Promise<BookingTarget> {
  const item = await latestItem(code);
  if (item) {
    if (!item.definition.channels.includes('window'))
      throw validationFailed([
        fieldProblem(
          'targetCode',
          `办理事项：${item.name} 不在窗口办理，请在网上申报`,
          `Service item: ${item.definition.nameEn} is not handled at a window; apply online`,
        ),
      ]);
    return { kind: 'item', code, name: { 'zh-CN': item.name, en: item.definition.nameEn }, departmentCode: item.departmentCode };
  }
  const bundle = await latestBundle(code);
  if (bundle) {
    const d = bundle.definition;
    return { kind: 'bundle', code, name: { 'zh-CN': d.name, en: d.nameEn }, departmentCode: d.leadDepartmentCode };
  }
  throw validationFailed([fieldProblem('targetCode', `办理事项：没有编码为 ${code} 的事项或一件事`, `Service item: no item or bundle ${code}`)]);
}

/** A line of a hall a booking takes a place in: the window kind (and a 专窗's department). */
export interface Line {
  windowKind: WindowKind;
  departmentCode: string | null;
}

/**
 * Where a booking queues (docs/appointments.md): 绿色通道 for a priority reason when the hall has
 * such a window; else the 专窗 of the target's department when the hall has one; else 综合窗口.
 */
export function lineFor(hall: HallRecord, departmentCode: string, priority: PriorityReason | null | undefined): Line {
  if (priority && hall.windows.some((w) => w.kind === 'green')) return { windowKind: 'green', departmentCode: null };
  if (hall.windows.some((w) => w.kind === 'special' && w.departmentCode === departmentCode)) return { windowKind: 'special', departmentCode };
  return { windowKind: 'general', departmentCode: null };
}

/** The places of a slot of a line: the hall's places per window of the kind × its windows in use of the kind (and department). */
export const capacityOf = (hall: HallRecord, line: Line): number =>
  hall.slotCapacity[line.windowKind] *
  hall.windows.filter((w) => w.kind === line.windowKind && (line.windowKind !== 'special' || w.departmentCode === line.departmentCode)).length;

/** A hall in use with its windows in use (404 otherwise). */
export async function bookableHall(hallId: number): Promise<HallRecord> {
  const hall = (await hallsWithin()).find((h) => h.id === hallId && h.active);
  if (!hall) throw notFound('hall_not_found');
  return { ...hall, windows: hall.windows.filter((w) => w.active) };
}

/** The days one may book now: today (its later slots) if a working day, then the next `daysAhead` working days. */
export function bookableDays(calendar: WorkingCalendar, now: Date, daysAhead: number): string[] {
  const today = shanghaiDay(now);
  const days = calendar.info(today).workday ? [today] : [];
  for (let day = nextDay(today), counted = 0; counted < daysAhead; day = nextDay(day))
    if (calendar.info(day).workday) {
      days.push(day);
      counted++;
    }
  return days;
}

export interface SlotView {
  slot: string;
  startsAt: string;
  capacity: number;
  left: number;
}

/** The slots of the bookable days for a line, with the places left (slots already started are not offered). */
export async function openSlots(hall: HallRecord, line: Line, settings: AppointmentSettings, now: Date): Promise<{ day: string; slots: SlotView[] }[]> {
  const calendar = await calendarFor(hall.regionCode);
  const days = bookableDays(calendar, now, settings.daysAhead);
  const capacity = capacityOf(hall, line);
  const rows = await AppointmentSlot.findAll({
    where: { hallId: hall.id, day: { [Op.in]: days }, windowKind: line.windowKind, departmentCode: line.departmentCode ?? '' },
  });
  const booked = new Map(rows.map((r) => [`${r.day} ${r.slot}`, r.booked]));
  return days.map((day) => ({
    day,
    slots: halfHourSlots(hall.openingPeriods)
      .filter((slot) => slotStart(day, slot) > now)
      .map((slot) => ({
        slot,
        startsAt: slotStart(day, slot).toISOString(),
        capacity,
        left: Math.max(0, capacity - (booked.get(`${day} ${slot}`) ?? 0)),
      })),
  }));
}

/** Refuses (422, in words) a day or slot one cannot book now: not a working day, beyond the days ahead, outside the hall's periods, started. */
export async function checkBookable(hall: HallRecord, day: string, slot: string, settings: AppointmentSettings, now: Date): Promise<void> {
  const calendar = await calendarFor(hall.regionCode);
  if (Number.isNaN(startOfDay(day).getTime()) || shanghaiDay(startOfDay(day)) !== day)
    throw validationFailed([fieldProblem('day', `预约日期：${day} 不是有效日期`, `Date: ${day} is no date`)]);
  const info = calendar.info(day);
  if (!info.workday)
    throw validationFailed([
      fieldProblem(
        'day',
        `预约日期：${day} 不是工作日${info.name ? `（${info.name}）` : ''}，大厅不接待预约`,
        `Date: ${day} is not a working day${info.name ? ` (${info.name})` : ''}; the hall takes no bookings`,
      ),
    ]);
  const days = bookableDays(calendar, now, settings.daysAhead);
  if (!days.includes(day))
    throw validationFailed([
      fieldProblem('day', `预约日期：可预约 ${days[0]} 至 ${days.at(-1)} 的工作日`, `Date: you may book working days from ${days[0]} to ${days.at(-1)}`),
    ]);
  const slots = halfHourSlots(hall.openingPeriods);
  if (!slots.includes(slot))
    throw validationFailed([
      fieldProblem(
        'slot',
        `预约时段：${slot} 不在大厅接待时段（${hall.openingPeriods.map((p) => `${p.from}–${p.to}`).join('、')}）`,
        `Time slot: ${slot} is outside the hall's opening periods (${hall.openingPeriods.map((p) => `${p.from}–${p.to}`).join(', ')})`,
      ),
    ]);
  if (slotStart(day, slot) <= now)
    throw validationFailed([
      fieldProblem('slot', `预约时段：${day} ${slot} 已开始，请选择以后的时段`, `Time slot: ${day} ${slot} has begun; choose a later one`),
    ]);
}

/** The counter row of a slot's line, made when first needed (two at once: the unique index keeps one, both read it). */
export async function slotRow(hallId: number, day: string, slot: string, line: Line): Promise<AppointmentSlot> {
  const where = { hallId, day, slot, windowKind: line.windowKind, departmentCode: line.departmentCode ?? '' };
  const found = await AppointmentSlot.findOne({ where });
  if (found) return found;
  try {
    return await AppointmentSlot.create({ ...where, booked: 0 });
  } catch (err) {
    if ((err as { name?: string }).name !== 'SequelizeUniqueConstraintError') throw err;
    return (await AppointmentSlot.findOne({ where }))!;
  }
}
