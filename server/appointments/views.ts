import type { Appointment } from './appointment.model.ts';

/** A booking as the domain's services answer it. */
export type Booking = Appointment;
import type { HallRecord } from '../organization/index.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import type { AppointmentSettings } from '../config/schema.ts';

/** A booking as the pages show it, in the caller's language (the person's name only for the hall's clerks). */
export function bookingView(
  a: Appointment,
  hall: HallRecord | undefined,
  targetName: Localized | undefined,
  settings: AppointmentSettings,
  locale: Locale,
  forClerk = false,
) {
  const en = locale === 'en';
  return {
    code: a.code,
    status: a.status,
    hall: { id: a.hallId, name: hall ? (en ? hall.nameEn : hall.nameZh) : '', address: hall?.address ?? '' },
    target: { kind: a.targetKind, code: a.targetCode, name: targetName?.[locale] ?? a.targetCode },
    windowKind: a.windowKind,
    priority: a.priority,
    day: a.day,
    slot: a.slot,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    checkInFrom: new Date(a.startsAt.getTime() - settings.checkInEarlyMinutes * 60_000).toISOString(),
    checkInUntil: new Date(a.startsAt.getTime() + settings.checkInLateMinutes * 60_000).toISOString(),
    ticketNumber: a.ticketNumber,
    checkedInAt: a.checkedInAt?.toISOString() ?? null,
    cancelledAt: a.cancelledAt?.toISOString() ?? null,
    noShowAt: a.noShowAt?.toISOString() ?? null,
    prepared: Boolean(a.preparedAt),
    preparedAt: a.preparedAt?.toISOString() ?? null,
    ...(forClerk ? { personName: a.personName } : {}),
  };
}
