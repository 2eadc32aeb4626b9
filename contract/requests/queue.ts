import { fieldProblem, type FieldProblem } from '../problems.ts';
import { CODE_PATTERNS } from '../catalog/codes.ts';
import type { WindowKind } from './organization.ts';

/**
 * 智能排队叫号 (server/queue): the bodies of taking a ticket (the hall's kiosk page, an appointment's
 * check-in), a clerk's call, linking a case and the visit's 好差评, checked by the server and by the
 * pages before they send. docs/hall-queue.md says the rules.
 */

/** Why a ticket is for the 绿色通道: 老弱病残孕军 and 重点项目. */
export const PRIORITY_REASONS = ['elderly', 'disabled', 'pregnant', 'serviceman', 'key_project'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export const TICKET_SOURCES = ['walk_in', 'booking'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** waiting → called → serving → done; a called ticket may end as no_show; a waiting one as cancelled. */
export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The letter of a ticket's number, per window kind: A001 综合窗口, B001 专窗, G001 绿色通道 (numbered per hall, kind and day). */
export const TICKET_PREFIXES: Record<WindowKind, string> = { general: 'A', special: 'B', green: 'G' };

export interface TicketBody {
  windowKind: WindowKind;
  departmentCode?: string | null;
  itemCode?: string | null;
  personName?: string | null;
  phone?: string | null;
  priority?: PriorityReason | null;
}

/** POST /halls/{hallId}/queue/tickets (the kiosk) */
export const ticketSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['windowKind'],
  properties: {
    windowKind: { type: 'string', enum: ['general', 'special', 'green'], title: '窗口类型', 'x-title-en': 'Window kind' },
    departmentCode: { type: ['string', 'null'], minLength: 1, maxLength: 32, title: '专窗部门', 'x-title-en': 'Department' },
    itemCode: { type: ['string', 'null'], pattern: CODE_PATTERNS.item, title: '办理事项', 'x-title-en': 'Service item' },
    personName: { type: ['string', 'null'], format: 'person-name', minLength: 1, maxLength: 50, title: '姓名', 'x-title-en': 'Name' },
    phone: { type: ['string', 'null'], format: 'cn-mobile', title: '手机号码', 'x-title-en': 'Mobile phone' },
    priority: { type: ['string', 'null'], enum: [...PRIORITY_REASONS, null], title: '绿色通道原因', 'x-title-en': 'Priority reason' },
  },
} as const;

/** What the schema cannot say: a 专窗 ticket names its department, a 绿色通道 ticket its reason, no other ticket one. */
export function ticketRules(body: TicketBody): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (body.windowKind === 'special' && !body.departmentCode)
    problems.push(fieldProblem('departmentCode', '专窗部门：专窗取号请选择部门', 'Department: choose the department of the special window'));
  if (body.windowKind === 'general' && body.departmentCode)
    problems.push(fieldProblem('departmentCode', '专窗部门：综合窗口取号不选部门', 'Department: a general-window ticket names no department'));
  if (body.windowKind === 'green' && !body.priority)
    problems.push(
      fieldProblem(
        'priority',
        '绿色通道原因：请选择原因（老年人、残疾人、孕妇、军人、重点项目）',
        'Priority reason: choose why (elderly, disabled, pregnant, serviceman, key project)',
      ),
    );
  if (body.windowKind !== 'green' && body.priority)
    problems.push(fieldProblem('priority', '绿色通道原因：只有绿色通道取号选择原因', 'Priority reason: only a green-channel ticket has one'));
  return problems;
}

export interface CallBody {
  windowId: number;
}

/** POST /queue/call-next: the window the clerk sits at */
export const callSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['windowId'],
  properties: { windowId: { type: 'integer', minimum: 1, title: '窗口', 'x-title-en': 'Window' } },
} as const;

/** POST /queue/tickets/{id}/case: the case accepted at the window for this ticket */
export const ticketCaseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['caseNo'],
  properties: { caseNo: { type: 'string', minLength: 1, maxLength: 32, title: '办件编码', 'x-title-en': 'Case number' } },
} as const;
