/**
 * 省级政务服务数据共享交换平台 (the provincial case-data exchange): the platform reports every case
 * event to it (办件数据汇聚). The platform codes against this interface; the sandbox adapter speaks
 * to the sandbox exchange (sandbox-service.ts). The message shapes, states and the signature are
 * documented in docs/province-exchange.md; server/reporting/exchange-mapping.ts says which platform
 * event becomes which of them.
 */
import type { Channel } from '../../../contract/channels.ts';

/** The exchange's states of a case (办件状态), one per event it takes. */
export const EXCHANGE_EVENT_TYPES = [
  /** 申办 */
  'apply',
  /** 受理 */
  'accept',
  /** 不予受理 */
  'reject',
  /** 补正 (告知, or the materials received) */
  'correction',
  /** 办理环节: one step's handler, outcome and opinion */
  'process',
  /** 特别程序开始 */
  'suspend',
  /** 特别程序结束 */
  'resume',
  /** 办结 (准予, 不予, 部分准予, 撤回, 终止) */
  'conclude',
  /** 送达 (by post or electronically) */
  'deliver',
  /** 领取 (at the window) */
  'collect',
  /** 评价 (好差评) */
  'evaluate',
] as const;
export type ExchangeEventType = (typeof EXCHANGE_EVENT_TYPES)[number];

/** What an event says beyond its envelope, by type (documented in docs/province-exchange.md). */
export interface ExchangeEventFields {
  /** 一件事: the bundle case an item case belongs to */
  bundleCaseNo?: string;
  /** apply: the item's version, and who filed (the applicant, or 帮办代办 / 委托代理) */
  apply?: { itemVersion: number; kind: 'item' | 'bundle'; byAgent: boolean };
  /** reject, conclude: the decision and the reasons in words */
  result?: { decision: 'not_accepted' | 'approved' | 'refused' | 'partially_approved' | 'withdrawn' | 'terminated'; reasons: string[] };
  /** correction: the notice with the materials asked for, or the materials received (补正后重新提交, 容缺后补) */
  correction?: { phase: 'notice' | 'received' | 'deferred_received'; materials: string[]; dueAt?: string };
  /** process: the step, its handler (account and name), outcome and opinion */
  process?: { step: string; stepKey: string | null; handler: { account: string; name: string }; outcome: string; opinion: string };
  /** suspend / resume: which special procedure, why, and (at its end) the working days the clock stood */
  procedure?: { kind: string | null; reason: string; workingDays?: number };
  /** deliver / collect */
  delivery?: { method: 'electronic' | 'logistics' | 'window'; waybillNo?: string };
  /** evaluate: 1 (非常不满意) … 5 (非常满意), the reason codes of a bad one, the comment */
  evaluation?: { level: number; reasons: string[]; comment: string | null };
}

/** The applicant as the exchange's 申办 record needs them (sent with `apply` only). */
export interface ExchangeApplicant {
  name: string;
  /** resident_id, passport, credit_code … as the case holds it */
  idType: string;
  idNo: string;
}

/** One event as sent: the envelope, the case's tags, and the type's fields. */
export interface ExchangeEvent extends ExchangeEventFields {
  /** unique for ever; the exchange answers a repeat as `duplicate` */
  eventId: string;
  eventType: ExchangeEventType;
  /** ISO 8601 instant */
  occurredAt: string;
  caseNo: string;
  /** 渠道标识 */
  channel: Channel;
  itemCode: string;
  /** 行政区划代码 of the region handling the case */
  regionCode: string;
  departmentCode: string;
  applicant?: ExchangeApplicant;
}

export type Acknowledgement =
  | { eventId: string; status: 'accepted' | 'duplicate' }
  /** refused: the message does not meet the exchange's schema; sending it again will not help */
  | { eventId: string; status: 'rejected'; code: string; message: string };

/** The exchange's count of the events it holds for one Beijing day, by type. */
export interface ExchangeDayCount {
  day: string;
  counts: Partial<Record<ExchangeEventType, number>>;
}

export interface ProvinceExchange {
  /**
   * Sends a batch (at most 500) and answers one acknowledgement per event, in the order sent.
   * Throws GatewayUnavailableError when the exchange cannot take it (outage, timeout, 5xx) and
   * GatewayRejectedError when it refuses the whole request (a bad signature, a malformed batch).
   */
  report(events: ExchangeEvent[]): Promise<Acknowledgement[]>;
  /** 对账: how many events of each type the exchange holds for that day (occurredAt, Beijing time). */
  countsOf(day: string): Promise<ExchangeDayCount>;
}

/** The largest batch the exchange takes. */
export const MAX_BATCH = 500;
