import { fieldProblem, type FieldProblem } from '../problems.ts';
import { CODE_PATTERNS } from '../catalog/codes.ts';
import { PRIORITY_REASONS, type PriorityReason } from './queue.ts';

/**
 * 在线预约 (server/appointments): the bodies of booking a slot at a hall, moving it, preparing the
 * application it is for, and checking in with its code, checked by the server and by the pages
 * before they send. docs/appointments.md says the rules.
 */

/** booked → checked_in (a ticket taken); or cancelled (before the slot), or no_show (not checked in by the slot's end and its grace). */
export const BOOKING_STATUSES = ['booked', 'checked_in', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** A booking code's characters: no 0/O, 1/I/L, 2/Z, 5/S, 8/B — read aloud or typed at a kiosk without doubt. */
export const BOOKING_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const BOOKING_CODE_LENGTH = 6;
export const BOOKING_CODE_PATTERN = `^[${BOOKING_CODE_ALPHABET}]{${BOOKING_CODE_LENGTH}}$`;

/** A code as a person typed it: upper case, spaces and dashes dropped. */
export const normalBookingCode = (raw: string): string => raw.replace(/[\s-]/g, '').toUpperCase();

const day = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', title: '预约日期', 'x-title-en': 'Date' } as const;
const slot = { type: 'string', pattern: '^([01][0-9]|2[0-3]):(00|30)$', title: '预约时段', 'x-title-en': 'Time slot' } as const;

export interface BookingBody {
  hallId: number;
  /** an item's code, or a 一件事's */
  targetCode: string;
  day: string;
  slot: string;
  priority?: PriorityReason | null;
  phone?: string | null;
}

/** POST /appointments */
export const bookingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['hallId', 'targetCode', 'day', 'slot'],
  properties: {
    hallId: { type: 'integer', minimum: 1, title: '服务大厅', 'x-title-en': 'Service hall' },
    targetCode: { type: 'string', pattern: CODE_PATTERNS.item, title: '办理事项', 'x-title-en': 'Service item' },
    day,
    slot,
    priority: { type: ['string', 'null'], enum: [...PRIORITY_REASONS, null], title: '绿色通道原因', 'x-title-en': 'Priority reason' },
    phone: { type: ['string', 'null'], format: 'cn-mobile', title: '手机号码', 'x-title-en': 'Mobile phone' },
  },
} as const;

export interface RescheduleBody {
  day: string;
  slot: string;
}

/** POST /appointments/{code}/reschedule */
export const rescheduleSchema = { type: 'object', additionalProperties: false, required: ['day', 'slot'], properties: { day, slot } } as const;

/** A material of a prepared application: a file the applicant uploaded (or of an earlier case), an e-license, a 告知承诺 or 容缺. */
export type PreparedMaterial =
  | { code: string; way: 'file'; attachmentId: string; originalName: string }
  | { code: string; way: 'license'; number: string; name: string }
  | { code: string; way: 'commitment' | 'deferral' };

export interface PreparedBody {
  answers: Record<string, unknown>;
  form: Record<string, unknown>;
  materials: PreparedMaterial[];
}

/** PUT /appointments/{code}/prepared: the application as the applicant prepared it (checked again, in full, when the clerk submits it) */
export const preparedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['answers', 'form', 'materials'],
  properties: {
    answers: { type: 'object', maxProperties: 100, title: '办理情形', 'x-title-en': 'Situation' },
    form: { type: 'object', maxProperties: 300, title: '申请表', 'x-title-en': 'Application form' },
    materials: {
      type: 'array',
      maxItems: 100,
      title: '申请材料',
      'x-title-en': 'Materials',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'way'],
        properties: {
          code: { type: 'string', pattern: CODE_PATTERNS.material, title: '材料', 'x-title-en': 'Material' },
          way: { enum: ['file', 'license', 'commitment', 'deferral'], title: '提交方式', 'x-title-en': 'How given' },
          attachmentId: { type: 'string', minLength: 1, maxLength: 64, title: '附件', 'x-title-en': 'File' },
          originalName: { type: 'string', minLength: 1, maxLength: 255, title: '文件名', 'x-title-en': 'File name' },
          number: { type: 'string', minLength: 1, maxLength: 64, title: '证照编号', 'x-title-en': 'E-license number' },
          name: { type: 'string', minLength: 1, maxLength: 200, title: '证照名称', 'x-title-en': 'E-license name' },
        },
      },
    },
  },
} as const;

export interface CheckInBody {
  code: string;
}

/** POST /halls/{hallId}/appointments/check-in (the kiosk, or a clerk) */
export const checkInSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code'],
  properties: { code: { type: 'string', minLength: 1, maxLength: 16, title: '预约码', 'x-title-en': 'Booking code' } },
} as const;

/** What the schema cannot say of a prepared material: a file names its upload, an e-license its number, nothing else either; no material twice. */
export function preparedRules(body: Pick<PreparedBody, 'materials'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  body.materials.forEach((m, i) => {
    const given = m as Partial<Record<'attachmentId' | 'originalName' | 'number' | 'name', string>> & { code: string; way: string };
    if (m.way === 'file' && (!given.attachmentId || !given.originalName))
      problems.push(fieldProblem(`materials.${i}.attachmentId`, '申请材料：请上传文件', 'Materials: upload the file'));
    if (m.way === 'license' && (!given.number || !given.name))
      problems.push(fieldProblem(`materials.${i}.number`, '申请材料：请选择电子证照', 'Materials: choose the e-license'));
    if (m.way !== 'file' && given.attachmentId)
      problems.push(fieldProblem(`materials.${i}.attachmentId`, '申请材料：只有上传的文件有附件', 'Materials: only a file has an upload'));
    if (seen.has(m.code)) problems.push(fieldProblem(`materials.${i}.code`, `申请材料：${m.code} 重复`, `Materials: ${m.code} is given twice`));
    seen.add(m.code);
  });
  return problems;
}

/** What the schema cannot say: the code, once typed loosely, is one a booking can have. */
export function checkInRules(body: CheckInBody): FieldProblem[] {
  return new RegExp(BOOKING_CODE_PATTERN).test(normalBookingCode(body.code))
    ? []
    : [
        fieldProblem(
          'code',
          `预约码：应为 ${BOOKING_CODE_LENGTH} 位字母和数字（预约成功时给出，如 7KQ4MX）`,
          `Booking code: ${BOOKING_CODE_LENGTH} letters and digits (given when you booked, e.g. 7KQ4MX)`,
        ),
      ];
}
