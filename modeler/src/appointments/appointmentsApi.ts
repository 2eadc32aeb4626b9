import { get, post, put } from '../api/http.ts';
import type { BookingBody, BookingStatus, PreparedBody, PreparedMaterial } from '../../../contract/requests/appointments.ts';
import type { PriorityReason } from '../../../contract/requests/queue.ts';
import type { WindowKind } from '../../../contract/requests/organization.ts';
import type { Attachment } from '../window/intakeApi.ts';

/** 在线预约 (server/appointments, docs/appointments.md): the pages' calls. */
export interface Booking {
  code: string;
  status: BookingStatus;
  hall: { id: number; name: string; address: string };
  target: { kind: 'item' | 'bundle'; code: string; name: string };
  windowKind: WindowKind;
  priority: PriorityReason | null;
  day: string;
  slot: string;
  startsAt: string;
  endsAt: string;
  checkInFrom: string;
  checkInUntil: string;
  ticketNumber: string | null;
  checkedInAt: string | null;
  cancelledAt: string | null;
  noShowAt: string | null;
  prepared: boolean;
  preparedAt: string | null;
  personName?: string;
}

export interface SlotDay {
  day: string;
  slots: { slot: string; startsAt: string; capacity: number; left: number }[];
}

export interface Slots {
  hall: { id: number; name: string; address: string };
  target: { kind: 'item' | 'bundle'; code: string; name: string };
  windowKind: WindowKind;
  days: SlotDay[];
}

/** What the window intake opens with for a checked-in booking. */
export interface BookingIntake {
  code: string;
  ticketNumber: string | null;
  target: { kind: 'item' | 'bundle'; code: string };
  priority: PriorityReason | null;
  applicant: { name: string; idType: 'resident_id'; idNo: string; phone: string };
  prepared: boolean;
  preparedAt: string | null;
  answers: Record<string, unknown>;
  form: Record<string, unknown>;
  materials: (PreparedMaterial & { attachment?: Attachment })[];
}

export interface CheckedIn {
  booking: Booking;
  ticket: { id: number; number: string; windowKind: WindowKind; ahead: number; token: string };
}

/** A hall in use as the public list gives it. */
export interface HallLite {
  id: number;
  nameZh: string;
  nameEn: string;
  address: string;
  regionCode: string;
  openingPeriods: { from: string; to: string }[];
  windows: { kind: WindowKind; departmentCode: string | null }[];
}

export const appointmentsApi = {
  halls: () => get<{ halls: HallLite[] }>('/halls'),
  slots: (hallId: number, target: string, priority: PriorityReason | '') =>
    get<Slots>(`/halls/${hallId}/appointment-slots`, { target, priority: priority || undefined }),
  mine: () => get<{ bookings: Booking[]; refusal: string | null }>('/appointments'),
  book: (body: BookingBody) => post<Booking>('/appointments', body),
  reschedule: (code: string, day: string, slot: string) => post<Booking>(`/appointments/${code}/reschedule`, { day, slot }),
  cancel: (code: string) => post<Booking>(`/appointments/${code}/cancel`, {}),
  prepared: (code: string) => get<{ booking: Booking; prepared: PreparedBody | null }>(`/appointments/${code}/prepared`),
  prepare: (code: string, body: PreparedBody) => put<Booking>(`/appointments/${code}/prepared`, body),
  intake: (code: string) => get<BookingIntake>(`/appointments/${code}/intake`),
  intakeOfTicket: (ticketId: number) => get<BookingIntake>(`/queue/tickets/${ticketId}/appointment`),
  hallDay: (hallId: number, day?: string) =>
    get<{ hall: { id: number; name: string }; day: string; bookings: Booking[] }>(`/halls/${hallId}/appointments`, { day }),
  kioskCheckIn: (hallId: number, code: string) => post<CheckedIn>(`/halls/${hallId}/appointments/check-in`, { code }),
  clerkCheckIn: (hallId: number, code: string) => post<CheckedIn>(`/halls/${hallId}/appointments/clerk-check-in`, { code }),
};
