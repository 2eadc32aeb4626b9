import { expect } from 'chai';
import { exchangeEventOf, mayReport, type PlatformEvent, type ReportedCase } from '../../server/reporting/exchange-mapping.ts';
import { checkEvent } from '../../server/gateways/province/message-checks.ts';
import type { ExchangeEvent } from '../../server/gateways/province/exchange.ts';

const reported: ReportedCase = {
  id: 7,
  caseNo: '4301002026120700001',
  kind: 'item',
  channel: 'assisted',
  itemCode: 'SCJG-GT-001',
  itemVersion: 3,
  regionCode: '430104',
  departmentCode: 'samr',
  bundleCaseNo: null,
  byAgent: true,
  applicant: { name: '张三', idType: 'resident_id', idNo: '430102199003071234' },
};
const at = new Date('2026-12-07T01:02:03.456Z');
const timeline = (type: string, detail: Record<string, unknown> = {}, actor = 'reviewer', sourceId = 41): PlatformEvent => ({
  source: 'timeline',
  sourceId,
  type,
  actor,
  detail,
  at,
});
const mapped = (e: PlatformEvent, c = reported) => exchangeEventOf(c, e);
const message = (e: PlatformEvent, c = reported): ExchangeEvent => {
  const m = mapped(e, c)!;
  return { ...m.payload, ...(m.personal ? { applicant: m.personal } : {}) };
};

describe('办件数据汇聚: the mapping of platform events to the provincial exchange', () => {
  it('maps each reported event to its state, with the envelope and the case’s tags', () => {
    const cases: Array<[PlatformEvent, string]> = [
      [timeline('case.submitted'), 'apply'],
      [timeline('acceptance.accepted'), 'accept'],
      [timeline('acceptance.not_accepted', { reasons: [{ 'zh-CN': '不属于受理范围', en: 'Out of scope' }] }), 'reject'],
      [timeline('acceptance.correction', { deficiencies: ['premises-proof'] }), 'correction'],
      [timeline('case.resubmitted', { materials: ['premises-proof'] }), 'correction'],
      [timeline('case.materials_supplied', { materials: ['operator-id'] }), 'correction'],
      [timeline('task.completed', { task: '审核', taskDefinitionKey: 'review', outcome: 'approve', opinion: '同意' }), 'process'],
      [timeline('task.sent_back', { task: '签发', from: 'decision', reason: '补充核查' }), 'process'],
      [timeline('case.suspended', { procedure: 'hearing', reason: '听证' }), 'suspend'],
      [timeline('case.resumed', { reason: '听证结束', workingDays: 3 }), 'resume'],
      [timeline('case.approved'), 'conclude'],
      [timeline('case.refused'), 'conclude'],
      [timeline('bundle.decided', { status: 'partially_approved' }), 'conclude'],
      [timeline('case.withdrawn', { reason: '不再需要' }), 'conclude'],
      [timeline('case.terminated', { reason: { 'zh-CN': '补正超期', en: 'late' } }), 'conclude'],
      [timeline('delivery.started', { method: 'electronic' }), 'deliver'],
      [timeline('delivery.event', { event: 'delivered', waybillNo: 'SF1' }), 'deliver'],
      [timeline('delivery.event', { event: 'handed_over' }), 'collect'],
      [{ source: 'rating', sourceId: 5, type: 'rating', actor: 'account:3', detail: { level: 2, reasons: ['slow'], comment: '太慢' }, at }, 'evaluate'],
    ];
    for (const [event, state] of cases) {
      const m = mapped(event)!;
      expect(m, event.type).to.not.equal(null);
      expect(m.eventType, event.type).to.equal(state);
      expect(m.payload).to.include({
        eventId: m.eventId,
        eventType: state,
        occurredAt: '2026-12-07T01:02:03.456Z',
        caseNo: reported.caseNo,
        channel: 'assisted',
        itemCode: 'SCJG-GT-001',
        regionCode: '430104',
        departmentCode: 'samr',
      });
      // every mapped message is one the exchange's schema takes
      const checked = checkEvent(message(event));
      expect('problem' in checked ? checked.problem.en : 'ok', event.type).to.equal('ok');
    }
  });

  it('does not report what the province does not take, nor the delivery steps before the results arrive', () => {
    for (const type of ['task.claimed', 'task.urged', 'task.copied', 'case.deadline_warning', 'payment.received', 'result.sealed', 'e_license.issued']) {
      expect(mayReport('timeline', type), type).to.equal(false);
      expect(mapped(timeline(type)), type).to.equal(null);
    }
    expect(mapped(timeline('delivery.started', { method: 'logistics' }))).to.equal(null);
    expect(mapped(timeline('delivery.event', { event: 'in_transit' }))).to.equal(null);
    expect(mapped(timeline('bundle.decided', { status: 'in_review' }))).to.equal(null);
  });

  it('gives the applicant with 申办 only, and every event an id of its source row for ever', () => {
    expect(mapped(timeline('case.submitted'))!.personal).to.deep.equal(reported.applicant);
    expect(mapped(timeline('acceptance.accepted'))!.personal).to.equal(null);
    expect(mapped(timeline('case.submitted', {}, 'clerk', 41))!.eventId).to.equal('4301002026120700001-T41');
    expect(mapped({ source: 'rating', sourceId: 41, type: 'rating', actor: 'x', detail: { level: 5 }, at })!.eventId).to.equal('4301002026120700001-R41');
    expect(mapped(timeline('case.submitted'))!.payload.apply).to.deep.equal({ itemVersion: 3, kind: 'item', byAgent: true });
  });

  it('carries the fields of each state in the province’s words', () => {
    expect(
      mapped(timeline('acceptance.not_accepted', { reasons: [{ 'zh-CN': '不属于受理范围', en: 'Out of scope' }, '材料虚假'] }))!.payload.result,
    ).to.deep.equal({
      decision: 'not_accepted',
      reasons: ['不属于受理范围', '材料虚假'],
    });
    expect(
      mapped(timeline('task.completed', { task: '审核', taskDefinitionKey: 'review', outcome: 'approve', opinion: '同意' }))!.payload.process,
    ).to.deep.equal({
      step: '审核',
      stepKey: 'review',
      handler: { account: 'reviewer', name: 'reviewer' },
      outcome: 'approve',
      opinion: '同意',
    });
    expect(mapped(timeline('task.sent_back', { task: '签发', from: 'decision', reason: '补充核查' }))!.payload.process).to.include({
      outcome: 'sent_back',
      opinion: '补充核查',
    });
    expect(
      mapped(timeline('acceptance.correction', { deficiencies: ['premises-proof'], correctionDueAt: '2026-12-14T15:59:59.999Z' }))!.payload.correction,
    ).to.deep.equal({
      phase: 'notice',
      materials: ['premises-proof'],
      dueAt: '2026-12-14T15:59:59.999Z',
    });
    expect(mapped(timeline('case.resumed', { reason: '听证结束', workingDays: 3 }))!.payload.procedure).to.deep.equal({
      kind: null,
      reason: '听证结束',
      workingDays: 3,
    });
    expect(mapped(timeline('delivery.event', { event: 'delivered', waybillNo: 'SF1' }))!.payload.delivery).to.deep.equal({
      method: 'logistics',
      waybillNo: 'SF1',
    });
    expect(
      mapped({ source: 'rating', sourceId: 5, type: 'rating', actor: 'x', detail: { level: 2, reasons: ['slow'], comment: '太慢' }, at })!.payload.evaluation,
    ).to.deep.equal({
      level: 2,
      reasons: ['slow'],
      comment: '太慢',
    });
    expect(mapped(timeline('acceptance.accepted'), { ...reported, bundleCaseNo: '4301002026120700000' })!.payload.bundleCaseNo).to.equal('4301002026120700000');
  });

  it('is refused by the exchange when a required field is missing', () => {
    const apply = message(timeline('case.submitted'));
    const checked = checkEvent({ ...apply, applicant: undefined });
    expect('problem' in checked && checked.problem.field).to.equal('applicant');
    const badRegion = checkEvent({ ...message(timeline('acceptance.accepted')), regionCode: '4301' });
    expect('problem' in badRegion && badRegion.problem.zh).to.equal('regionCode：应为 6、9 或 12 位行政区划代码');
    const leaked = checkEvent({ ...message(timeline('acceptance.accepted')), applicant: reported.applicant });
    expect('problem' in leaked && leaked.problem.field).to.equal('applicant');
  });
});
