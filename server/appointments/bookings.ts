import { randomInt } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { Appointment, AppointmentSlot } from './appointment.model.ts';
import { bookableHall, bookingTarget, capacityOf, checkBookable, lineFor, slotEnd, slotRow, slotStart, type Line } from './slots.ts';
import { noShowBan } from './no-show-ban.ts';
import { tellPerson } from './tell.ts';
import { accountById, type Principal } from '../auth/index.ts';
import { shanghaiTime } from '../calendar/index.ts';
import { recordAudit, type AuditEntry } from '../audit/index.ts';
import type { HallRecord } from '../organization/index.ts';
import { conflict, notFound, type AppError } from '../errors/app-error.ts';
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH, type BookingBody, type RescheduleBody } from '../../contract/requests/appointments.ts';
import type { AuditAction } from '../../contract/audit-actions.ts';
import type { AppointmentSettings } from '../config/schema.ts';

export type Who = Pick<AuditEntry, 'actor' | 'clientAddress'>;

const newCode = (): string => Array.from({ length: BOOKING_CODE_LENGTH }, () => BOOKING_CODE_ALPHABET[randomInt(BOOKING_CODE_ALPHABET.length)]).join('');
const liveKeyOf = (userId: number, targetCode: string, day: string) => `${userId}:${targetCode}:${day}`;
const uniqueError = (err: unknown, index: string): boolean => {
  const e = err as { name?: string; original?: { message?: string; sqlMessage?: string }; parent?: { message?: string }; errors?: { path?: string }[] };
  if (e.name !== 'SequelizeUniqueConstraintError') return false;
  const text = `${e.original?.sqlMessage ?? e.original?.message ?? ''} ${e.parent?.message ?? ''} ${(e.errors ?? []).map((x) => x.path).join(' ')}`;
  return text.includes(index) || text.includes(index === 'appointments_live' ? 'live_key' : 'code');
};
const lineOf = (a: Pick<Appointment, 'windowKind' | 'departmentCode'>): Line => ({ windowKind: a.windowKind, departmentCode: a.departmentCode });

/**
 * Takes a place of a slot's line: one conditional UPDATE (booked < capacity), never read-then-write.
 * The last place asked for by two at once: one UPDATE changes the row, the other changes none.
 */
async function takePlace(hall: HallRecord, row: AppointmentSlot, line: Line, transaction: Transaction): Promise<void> {
  const { day, slot } = row;
  const capacity = capacityOf(hall, line);
  const [changed] = await AppointmentSlot.update(
    { booked: AppointmentSlot.sequelize!.literal('booked + 1') as unknown as number, updatedAt: new Date() },
    { where: { id: row.id, booked: { [Op.lt]: capacity } }, transaction },
  );
  if (!changed)
    throw conflict('slot_full', {
      'zh-CN': `${day} ${slot} 已约满（${capacity} 个名额已全部预约），请选择其他时段`,
      en: `${day} ${slot} is fully booked (all ${capacity} places taken); choose another slot`,
    });
}

/** Gives a place back (a cancelled or moved booking). */
async function givePlace(a: Appointment, transaction: Transaction): Promise<void> {
  await AppointmentSlot.update(
    { booked: AppointmentSlot.sequelize!.literal('booked - 1') as unknown as number, updatedAt: new Date() },
    {
      where: { hallId: a.hallId, day: a.day, slot: a.slot, windowKind: a.windowKind, departmentCode: a.departmentCode ?? '', booked: { [Op.gt]: 0 } },
      transaction,
    },
  );
}

async function duplicateConflict(userId: number, targetCode: string, day: string, name: string, nameEn: string): Promise<AppError> {
  const other = await Appointment.findOne({ where: { liveKey: liveKeyOf(userId, targetCode, day) } });
  const at = other ? ` ${other.slot}` : '';
  return conflict('booking_duplicate', {
    'zh-CN': `您已预约 ${day}${at} 办理「${name}」${other ? `（预约码 ${other.code}）` : ''}，同一事项同一天只能预约一次；可改期或取消原预约`,
    en: `You have booked "${nameEn}" on ${day}${at}${other ? ` (code ${other.code})` : ''}; one booking per item and day — move or cancel that one`,
  });
}

/** 在线预约: a signed-in person books a slot of a hall for an item or a 一件事 (the slot's line by the target's department and a priority reason). */
export async function book(principal: Principal, body: BookingBody, settings: AppointmentSettings, who: Who, now = new Date()): Promise<Appointment> {
  const hall = await bookableHall(body.hallId);
  const target = await bookingTarget(body.targetCode);
  await checkBookable(hall, body.day, body.slot, settings, now);
  const ban = await noShowBan(principal.id, settings, now);
  if (ban) throw ban;
  const line = lineFor(hall, target.departmentCode, body.priority);
  if (!capacityOf(hall, line))
    throw conflict('slot_full', {
      'zh-CN': `${hall.nameZh}没有可预约的${line.windowKind === 'special' ? '专窗' : line.windowKind === 'green' ? '绿色通道' : '综合窗口'}名额`,
      en: `${hall.nameEn} takes no bookings for this window`,
    });
  const liveKey = liveKeyOf(principal.id, target.code, body.day);
  if (await Appointment.findOne({ where: { liveKey }, attributes: ['id'] }))
    throw await duplicateConflict(principal.id, target.code, body.day, target.name['zh-CN'], target.name.en);
  const account = await accountById(principal.id);
  // the slot's counter row is made before the transaction (SQLite: one writer at a time)
  const row = await slotRow(hall.id, body.day, body.slot, line);
  for (let attempt = 0; ; attempt++) {
    try {
      return await Appointment.sequelize!.transaction(async (transaction) => {
        await takePlace(hall, row, line, transaction);
        const created = await Appointment.create(
          {
            code: newCode(),
            userId: principal.id,
            personName: principal.displayName,
            phone: body.phone ?? account?.phone ?? null,
            hallId: hall.id,
            targetKind: target.kind,
            targetCode: target.code,
            windowKind: line.windowKind,
            departmentCode: line.departmentCode,
            priority: body.priority ?? null,
            day: body.day,
            slot: body.slot,
            startsAt: slotStart(body.day, body.slot),
            endsAt: slotEnd(body.day, body.slot),
            status: 'booked',
            liveKey,
            ticketId: null,
            ticketNumber: null,
            checkedInAt: null,
            cancelledAt: null,
            noShowAt: null,
            prepared: null,
            preparedAt: null,
            createdAt: now,
            updatedAt: now,
          },
          { transaction },
        );
        await audit('appointment.booked', created, who, { hallId: hall.id, target: target.code, day: body.day, slot: body.slot }, transaction);
        await tellPerson(created, hall, target.name, 'booked', transaction, settings.checkInEarlyMinutes);
        return created;
      });
    } catch (err) {
      if (uniqueError(err, 'appointments_live')) throw await duplicateConflict(principal.id, target.code, body.day, target.name['zh-CN'], target.name.en);
      // the code drawn was taken meanwhile: draw another
      if (!uniqueError(err, 'appointments_code') || attempt >= 5) throw err;
    }
  }
}

export async function audit(action: AuditAction, a: Appointment, who: Who, detail: Record<string, unknown>, transaction?: Transaction): Promise<void> {
  await recordAudit({ ...who, action, target: `appointment:${a.code}`, detail }, transaction);
}

/** The person's own booking by its code (404 for another's: nobody learns whose codes exist). */
export async function ownBooking(principal: Principal, code: string): Promise<Appointment> {
  const a = await Appointment.findOne({ where: { code } });
  if (!a || a.userId !== principal.id) throw notFound('appointment_not_found');
  return a;
}

const STATUS_WORDS = {
  booked: { 'zh-CN': '已预约', en: 'booked' },
  checked_in: { 'zh-CN': '已签到取号', en: 'checked in' },
  cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
  no_show: { 'zh-CN': '已爽约（未按时签到）', en: 'a no-show (not checked in in time)' },
} as const;

/** A 409 saying where the booking is now and since when. */
export function stateConflict(a: Appointment, wanted: { 'zh-CN': string; en: string }): AppError {
  const at = a.checkedInAt ?? a.cancelledAt ?? a.noShowAt ?? a.createdAt;
  return conflict('booking_state', {
    'zh-CN': `预约 ${a.code} 不能${wanted['zh-CN']}：已于 ${shanghaiTime(at)} ${STATUS_WORDS[a.status]['zh-CN']}${a.ticketNumber ? `（排队号 ${a.ticketNumber}）` : ''}`,
    en: `Booking ${a.code} cannot be ${wanted.en}: it was ${STATUS_WORDS[a.status].en} at ${shanghaiTime(at)} (Beijing time)${a.ticketNumber ? `, ticket ${a.ticketNumber}` : ''}`,
  });
}

const startedConflict = (a: Appointment, wanted: { 'zh-CN': string; en: string }) =>
  conflict('booking_state', {
    'zh-CN': `预约 ${a.code} 不能${wanted['zh-CN']}：${a.day} ${a.slot} 的时段已开始`,
    en: `Booking ${a.code} cannot be ${wanted.en}: its slot ${a.day} ${a.slot} has begun`,
  });

/** 改期: to another free slot of the same hall and line, atomically (the new place taken, the old given back, or neither). */
export async function reschedule(
  principal: Principal,
  code: string,
  body: RescheduleBody,
  settings: AppointmentSettings,
  who: Who,
  now = new Date(),
): Promise<Appointment> {
  const a = await ownBooking(principal, code);
  const wanted = { 'zh-CN': '改期', en: 'moved' };
  if (a.status !== 'booked') throw stateConflict(a, wanted);
  if (a.startsAt <= now) throw startedConflict(a, wanted);
  if (a.day === body.day && a.slot === body.slot)
    throw conflict('booking_state', { 'zh-CN': `预约 ${a.code} 已是 ${a.day} ${a.slot}`, en: `Booking ${a.code} is for ${a.day} ${a.slot} already` });
  const hall = await bookableHall(a.hallId);
  await checkBookable(hall, body.day, body.slot, settings, now);
  const target = await bookingTarget(a.targetCode).catch(() => ({ name: { 'zh-CN': a.targetCode, en: a.targetCode } }));
  const from = { day: a.day, slot: a.slot };
  const row = await slotRow(hall.id, body.day, body.slot, lineOf(a));
  try {
    return await Appointment.sequelize!.transaction(async (transaction) => {
      await takePlace(hall, row, lineOf(a), transaction);
      const [moved] = await Appointment.update(
        {
          day: body.day,
          slot: body.slot,
          startsAt: slotStart(body.day, body.slot),
          endsAt: slotEnd(body.day, body.slot),
          liveKey: liveKeyOf(a.userId, a.targetCode, body.day),
          updatedAt: now,
        },
        { where: { id: a.id, status: 'booked', day: a.day, slot: a.slot }, transaction },
      );
      if (!moved) throw stateConflict((await Appointment.findByPk(a.id, { transaction }))!, wanted);
      await givePlace(a, transaction);
      await a.reload({ transaction });
      await audit('appointment.rescheduled', a, who, { from, to: body }, transaction);
      await tellPerson(a, hall, target.name, 'rescheduled', transaction);
      return a;
    });
  } catch (err) {
    if (uniqueError(err, 'appointments_live')) throw await duplicateConflict(a.userId, a.targetCode, body.day, target.name['zh-CN'], target.name.en);
    throw err;
  }
}

/** 取消: before the slot starts; the place is given back. */
export async function cancel(principal: Principal, code: string, who: Who, now = new Date()): Promise<Appointment> {
  const a = await ownBooking(principal, code);
  const wanted = { 'zh-CN': '取消', en: 'cancelled' };
  if (a.status !== 'booked') throw stateConflict(a, wanted);
  if (a.startsAt <= now) throw startedConflict(a, wanted);
  const hall = await bookableHall(a.hallId).catch(() => null);
  const target = await bookingTarget(a.targetCode).catch(() => ({ name: { 'zh-CN': a.targetCode, en: a.targetCode } }));
  return Appointment.sequelize!.transaction(async (transaction) => {
    const [changed] = await Appointment.update(
      { status: 'cancelled', liveKey: null, cancelledAt: now, updatedAt: now },
      { where: { id: a.id, status: 'booked' }, transaction },
    );
    if (!changed) throw stateConflict((await Appointment.findByPk(a.id, { transaction }))!, wanted);
    await givePlace(a, transaction);
    await a.reload({ transaction });
    await audit('appointment.cancelled', a, who, { day: a.day, slot: a.slot }, transaction);
    if (hall) await tellPerson(a, hall, target.name, 'cancelled', transaction);
    return a;
  });
}

/** A person's bookings, the coming ones first, then the rest newest first (the last 50). */
export async function bookingsOf(userId: number): Promise<Appointment[]> {
  const rows = await Appointment.findAll({ where: { userId }, order: [['startsAt', 'DESC']], limit: 50 });
  const live = rows.filter((r) => r.status === 'booked').sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
  return [...live, ...rows.filter((r) => r.status !== 'booked')];
}

/** A hall's bookings of a day, by slot (今日预约). */
export const bookingsOfHallDay = (hallId: number, day: string): Promise<Appointment[]> =>
  Appointment.findAll({
    where: { hallId, day },
    order: [
      ['startsAt', 'ASC'],
      ['id', 'ASC'],
    ],
  });
