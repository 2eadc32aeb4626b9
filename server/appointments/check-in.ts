import { Appointment } from './appointment.model.ts';
import { audit, stateConflict, type Who } from './bookings.ts';
import { issueTicket, type TicketRecord } from '../queue/index.ts';
import { shanghaiTime } from '../calendar/index.ts';
import { conflict, notFound } from '../errors/app-error.ts';
import type { HallRecord } from '../organization/index.ts';
import type { AppointmentSettings } from '../config/schema.ts';

/**
 * 预约签到: at the hall's kiosk (the code typed) or by a clerk, from `checkInEarlyMinutes` before the
 * slot to `checkInLateMinutes` after it starts: the booking is checked in with one conditional
 * UPDATE (two kiosks at once: one ticket) and a ticket is issued for its line, marked as a booking's
 * (called before walk-ins). A ticket that cannot be issued leaves the booking as it was.
 */
export async function checkIn(
  hall: HallRecord,
  code: string,
  settings: AppointmentSettings,
  who: Who,
  now = new Date(),
): Promise<{ booking: Appointment; ticket: TicketRecord }> {
  const a = await Appointment.findOne({ where: { code } });
  if (!a) throw notFound('appointment_not_found');
  const wanted = { 'zh-CN': '签到', en: 'checked in' };
  if (a.hallId !== hall.id) {
    throw conflict('check_in_other_hall', {
      'zh-CN': `预约 ${a.code} 不是本大厅（${hall.nameZh}）的预约，请到预约的大厅签到`,
      en: `Booking ${a.code} is not for this hall (${hall.nameEn}); check in at the hall you booked`,
    });
  }
  if (a.status !== 'booked') throw stateConflict(a, wanted);
  const opens = new Date(a.startsAt.getTime() - settings.checkInEarlyMinutes * 60_000);
  const closes = new Date(a.startsAt.getTime() + settings.checkInLateMinutes * 60_000);
  if (now < opens)
    throw conflict('check_in_time', {
      'zh-CN': `预约 ${a.code} 为 ${a.day} ${a.slot}，签到时间 ${shanghaiTime(opens)} 至 ${shanghaiTime(closes).slice(11)}，请稍后再签到`,
      en: `Booking ${a.code} is for ${a.day} ${a.slot}: check in from ${shanghaiTime(opens)} to ${shanghaiTime(closes).slice(11)} (Beijing time); too early now`,
    });
  if (now > closes)
    throw conflict('check_in_time', {
      'zh-CN': `预约 ${a.code} 为 ${a.day} ${a.slot}，签到已于 ${shanghaiTime(closes)} 截止，请现场取号`,
      en: `Booking ${a.code} was for ${a.day} ${a.slot}: check-in closed at ${shanghaiTime(closes)} (Beijing time); please take a ticket as a walk-in`,
    });
  const [claimed] = await Appointment.update({ status: 'checked_in', checkedInAt: now, updatedAt: now }, { where: { id: a.id, status: 'booked' } });
  if (!claimed) throw stateConflict((await Appointment.findByPk(a.id))!, wanted);
  let ticket: TicketRecord;
  try {
    ticket = await issueTicket(
      {
        hallId: hall.id,
        windowKind: a.priority ? 'green' : a.windowKind,
        departmentCode: a.windowKind === 'special' || a.priority ? a.departmentCode : null,
        itemCode: a.targetCode,
        bookingId: a.id,
        personName: a.personName,
        phone: a.phone,
        priority: a.priority,
      },
      who,
    );
  } catch (err) {
    await Appointment.update({ status: 'booked', checkedInAt: null, updatedAt: new Date() }, { where: { id: a.id, status: 'checked_in', ticketId: null } });
    throw err;
  }
  await Appointment.update({ ticketId: ticket.id, ticketNumber: ticket.number }, { where: { id: a.id } });
  await a.reload();
  await audit('appointment.checked_in', a, who, { hallId: hall.id, ticket: ticket.number });
  return { booking: a, ticket };
}
