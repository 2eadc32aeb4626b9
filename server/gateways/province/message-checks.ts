import { CHANNELS } from '../../../contract/channels.ts';
import { EXCHANGE_EVENT_TYPES, type ExchangeEvent } from './exchange.ts';

/**
 * The exchange's schema of one event, as the sandbox checks it: what a real exchange refuses as
 * malformed (数据格式不符), named by field in both languages. A refused event is acknowledged
 * `rejected` with code `malformed`; the others of the batch are taken.
 */
export type Problem = { field: string; zh: string; en: string };

const isText = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && [...v].length <= max;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** 行政区划代码: 6 digits (county and up), 9 (乡镇街道) or 12 (村社区) */
const REGION = /^\d{6}(\d{3}(\d{3})?)?$/;

function problem(field: string, zh: string, en: string): Problem {
  return { field, zh: `${field}：${zh}`, en: `${field}: ${en}` };
}

export function checkEvent(raw: unknown): { event: ExchangeEvent } | { eventId: string; problem: Problem } {
  const e = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const eventId = typeof e.eventId === 'string' ? e.eventId : '';
  const fail = (p: Problem) => ({ eventId, problem: p });
  if (!isText(e.eventId, 64)) return fail(problem('eventId', '为必填项，至多 64 个字符', 'is required, at most 64 characters'));
  if (!(EXCHANGE_EVENT_TYPES as readonly unknown[]).includes(e.eventType))
    return fail(problem('eventType', `应为以下之一：${EXCHANGE_EVENT_TYPES.join('、')}`, `must be one of ${EXCHANGE_EVENT_TYPES.join(', ')}`));
  if (typeof e.occurredAt !== 'string' || !INSTANT.test(e.occurredAt) || Number.isNaN(Date.parse(e.occurredAt)))
    return fail(problem('occurredAt', '应为带时区的 ISO 8601 时间', 'must be an ISO 8601 instant with offset'));
  if (!isText(e.caseNo, 32)) return fail(problem('caseNo', '为必填项，至多 32 个字符', 'is required, at most 32 characters'));
  if (!(CHANNELS as readonly unknown[]).includes(e.channel))
    return fail(problem('channel', `应为以下之一：${CHANNELS.join('、')}`, `must be one of ${CHANNELS.join(', ')}`));
  if (!isText(e.itemCode, 64)) return fail(problem('itemCode', '为必填项', 'is required'));
  if (typeof e.regionCode !== 'string' || !REGION.test(e.regionCode))
    return fail(problem('regionCode', '应为 6、9 或 12 位行政区划代码', 'must be an administrative region code of 6, 9 or 12 digits'));
  if (!isText(e.departmentCode, 32)) return fail(problem('departmentCode', '为必填项', 'is required'));
  const section = (name: string) => (e[name] && typeof e[name] === 'object' ? (e[name] as Record<string, unknown>) : undefined);
  switch (e.eventType) {
    case 'apply': {
      const a = section('applicant');
      if (!a || !isText(a.name, 100) || !isText(a.idType, 16) || !isText(a.idNo, 64))
        return fail(problem('applicant', '申办须有申请人姓名、证件类型和证件号码', 'an application needs the applicant’s name, ID type and ID number'));
      break;
    }
    case 'process': {
      const p = section('process');
      const handler = p?.handler as Record<string, unknown> | undefined;
      if (!p || !isText(p.step, 100) || !handler || !isText(handler.name, 100) || typeof p.opinion !== 'string' || !isText(p.outcome, 32))
        return fail(problem('process', '办理环节须有环节名称、办理人、办理结果和意见', 'a step needs its name, handler, outcome and opinion'));
      break;
    }
    case 'reject':
    case 'conclude':
      if (!isText(section('result')?.decision, 24)) return fail(problem('result.decision', '为必填项', 'is required'));
      break;
    case 'evaluate': {
      const level = section('evaluation')?.level;
      if (typeof level !== 'number' || !Number.isInteger(level) || level < 1 || level > 5)
        return fail(problem('evaluation.level', '应为 1 至 5 的整数', 'must be an integer from 1 to 5'));
      break;
    }
    default:
      break;
  }
  if (e.eventType !== 'apply' && e.applicant !== undefined)
    return fail(problem('applicant', '仅申办事件携带申请人信息', 'only an application carries the applicant'));
  return { event: e as unknown as ExchangeEvent };
}
