import type { Channel } from '../../contract/channels.ts';
import type { ExchangeApplicant, ExchangeEvent, ExchangeEventFields, ExchangeEventType } from '../gateways/province/index.ts';

/**
 * 办件数据汇聚: which platform event becomes which of the provincial exchange's events, and with
 * which fields (docs/province-exchange.md has the table). The platform's events are the case's
 * timeline entries and its rating; those the province does not take (签收, 催办, 超期预警, 缴费, 签章 …)
 * map to nothing and are never queued. Pure: the case's tags come in with the event.
 */

/** The case as the exchange tags each of its events. */
export interface ReportedCase {
  id: number;
  caseNo: string;
  kind: 'item' | 'bundle';
  channel: Channel;
  itemCode: string;
  itemVersion: number;
  /** the region handling the case (行政区划代码) */
  regionCode: string;
  departmentCode: string;
  /** 一件事: the bundle case of an item case */
  bundleCaseNo: string | null;
  /** filed by an agent (帮办代办, 委托代理) */
  byAgent: boolean;
  applicant: ExchangeApplicant;
}

/** One thing that happened to a case: a timeline entry or the rating. */
export interface PlatformEvent {
  source: 'timeline' | 'rating';
  /** the row's id in its table: with the case number, the event's id for ever */
  sourceId: number;
  /** the timeline entry's type ('task.completed' …), or 'rating' */
  type: string;
  /** who did it (a user name, or system:…) */
  actor: string;
  detail: Record<string, unknown>;
  at: Date;
}

/** A platform event as the exchange takes it: the message without the applicant, and the applicant of an 申办. */
export interface MappedEvent {
  eventId: string;
  eventType: ExchangeEventType;
  payload: Omit<ExchangeEvent, 'applicant'>;
  personal: ExchangeApplicant | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const codes = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
/** reasons kept as Localized ({zh-CN, en}) or plain text: the Chinese words, as the province reads them */
const reasonTexts = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value])
    .map((r) => (typeof r === 'string' ? r : r && typeof r === 'object' ? text((r as Record<string, unknown>)['zh-CN']) : ''))
    .filter(Boolean);

type Fields = { eventType: ExchangeEventType } & ExchangeEventFields;

/** The timeline entries the exchange takes, each to its event type and fields; the others are not reported. */
const TIMELINE: Record<string, (e: PlatformEvent, c: ReportedCase) => Fields | null> = {
  'case.submitted': (_e, c) => ({ eventType: 'apply', apply: { itemVersion: c.itemVersion, kind: c.kind, byAgent: c.byAgent } }),
  'acceptance.accepted': () => ({ eventType: 'accept' }),
  'acceptance.not_accepted': (e) => ({ eventType: 'reject', result: { decision: 'not_accepted', reasons: reasonTexts(e.detail.reasons) } }),
  'acceptance.correction': (e) => ({
    eventType: 'correction',
    correction: { phase: 'notice', materials: codes(e.detail.deficiencies), ...(e.detail.correctionDueAt ? { dueAt: text(e.detail.correctionDueAt) } : {}) },
  }),
  'case.resubmitted': (e) => ({ eventType: 'correction', correction: { phase: 'received', materials: codes(e.detail.materials) } }),
  'case.materials_supplied': (e) => ({ eventType: 'correction', correction: { phase: 'deferred_received', materials: codes(e.detail.materials) } }),
  'task.completed': (e) => ({
    eventType: 'process',
    process: {
      step: text(e.detail.task) || text(e.detail.taskDefinitionKey),
      stepKey: text(e.detail.taskDefinitionKey) || null,
      handler: { account: e.actor, name: e.actor },
      outcome: text(e.detail.outcome) || 'completed',
      opinion: text(e.detail.opinion),
    },
  }),
  'task.sent_back': (e) => ({
    eventType: 'process',
    process: {
      step: text(e.detail.task),
      stepKey: text(e.detail.from) || null,
      handler: { account: e.actor, name: e.actor },
      outcome: 'sent_back',
      opinion: text(e.detail.reason),
    },
  }),
  'case.suspended': (e) => ({ eventType: 'suspend', procedure: { kind: text(e.detail.procedure) || null, reason: text(e.detail.reason) } }),
  'case.resumed': (e) => ({
    eventType: 'resume',
    procedure: { kind: null, reason: text(e.detail.reason), ...(typeof e.detail.workingDays === 'number' ? { workingDays: e.detail.workingDays } : {}) },
  }),
  'case.approved': () => ({ eventType: 'conclude', result: { decision: 'approved', reasons: [] } }),
  'case.refused': () => ({ eventType: 'conclude', result: { decision: 'refused', reasons: [] } }),
  'bundle.decided': (e) => {
    const decision = text(e.detail.status);
    return decision === 'approved' || decision === 'refused' || decision === 'partially_approved'
      ? { eventType: 'conclude', result: { decision, reasons: [] } }
      : null;
  },
  'case.withdrawn': (e) => ({ eventType: 'conclude', result: { decision: 'withdrawn', reasons: reasonTexts(e.detail.reason) } }),
  'case.terminated': (e) => ({ eventType: 'conclude', result: { decision: 'terminated', reasons: reasonTexts(e.detail.reason) } }),
  // electronic results are delivered when they are issued; post and the window when they arrive or are collected
  'delivery.started': (e) => (e.detail.method === 'electronic' ? { eventType: 'deliver', delivery: { method: 'electronic' } } : null),
  'delivery.event': (e) =>
    e.detail.event === 'delivered'
      ? { eventType: 'deliver', delivery: { method: 'logistics', ...(e.detail.waybillNo ? { waybillNo: text(e.detail.waybillNo) } : {}) } }
      : e.detail.event === 'handed_over'
        ? { eventType: 'collect', delivery: { method: 'window' } }
        : null,
};

/** The source row an event id names (`<caseNo>-T<timeline id>`, `<caseNo>-R<rating id>`). */
export function sourceOfEventId(eventId: string): { source: PlatformEvent['source']; sourceId: number } | null {
  const m = /-([TR])(\d{1,12})$/.exec(eventId);
  return m ? { source: m[1] === 'R' ? 'rating' : 'timeline', sourceId: Number(m[2]) } : null;
}

/** Whether an event of this type may be reported (cheap: decides whether the case must be read at all). */
export function mayReport(source: PlatformEvent['source'], type: string): boolean {
  return source === 'rating' || type in TIMELINE;
}

/** The exchange's event for a platform event, or null when the province does not take it. */
export function exchangeEventOf(c: ReportedCase, e: PlatformEvent): MappedEvent | null {
  const fields: Fields | null =
    e.source === 'rating'
      ? { eventType: 'evaluate', evaluation: { level: Number(e.detail.level), reasons: codes(e.detail.reasons), comment: text(e.detail.comment) || null } }
      : (TIMELINE[e.type]?.(e, c) ?? null);
  if (!fields) return null;
  const eventId = `${c.caseNo}-${e.source === 'rating' ? 'R' : 'T'}${e.sourceId}`; // sourceOfEventId reads it back
  const payload: Omit<ExchangeEvent, 'applicant'> = {
    eventId,
    occurredAt: e.at.toISOString(),
    caseNo: c.caseNo,
    channel: c.channel,
    itemCode: c.itemCode,
    regionCode: c.regionCode,
    departmentCode: c.departmentCode,
    ...(c.bundleCaseNo ? { bundleCaseNo: c.bundleCaseNo } : {}),
    ...fields,
  };
  return { eventId, eventType: fields.eventType, payload, personal: fields.eventType === 'apply' ? c.applicant : null };
}
