import type { Logger } from 'pino';
import { recordAudit } from '../audit/index.ts';
import { caseByNumber, caseTransaction, findTimelineEntry, recordTimeline, targetOfCase, type CaseRecord } from '../cases/index.ts';
import type { Config } from '../config/schema.ts';
import { EngineClient } from '../engine/client.ts';
import { AppError } from '../errors/app-error.ts';
import { countRuleHits, decideByTable, DecisionNotDeployedError, type TableDecision } from '../rules/index.ts';
import { SharedDataUnavailableError } from '../shared-data/index.ts';
import type { InstantApproval } from '../../contract/catalog/instant-approval.ts';
import { maskPersonal, personalFieldsOf, type PersonalKind } from '../../contract/catalog/personal.ts';
import type { Localized } from '../../contract/locale.ts';
import { INSTANT_ACTOR, verifyAgainstSharedData, type CheckFinding } from './instant-facts.ts';

/** 秒批's verdict: approve (no human step follows) or review (a reviewer decides, with these reasons). */
export type InstantOutcome = 'approve' | 'review';

/** What the timeline entry of a 秒批 keeps (its detail): enough to say why, and to replay the step. */
export interface InstantRecord {
  outcome: InstantOutcome;
  reasons: Localized[];
  decision: { key: string; version: number; name: string | null } | null;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>[];
  rules: string[] | null;
  checks: { subject: string; registry: string; outcome: CheckFinding['outcome'] }[];
}

const reason = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

let engine: { url: string; client: EngineClient } | null = null;
function engineOf(config: Pick<Config, 'engine'>): EngineClient {
  if (engine?.url !== config.engine.url) engine = { url: config.engine.url, client: new EngineClient(config.engine) };
  return engine.client;
}

/** The values a decision may read: the form's plain fields, the 办理情形 answers, the checks' facts. */
function valuesOf(c: CaseRecord, answers: Record<string, unknown> | null, findings: CheckFinding[]): Record<string, unknown> {
  const plain = Object.entries(c.form ?? {}).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
  return { ...Object.fromEntries(plain), ...(answers ?? {}), ...Object.assign({}, ...findings.map((f) => f.facts)) };
}

/**
 * The table's answer as a verdict. The contract of a 秒批 table (docs/instant-approval.md): an output
 * `outcome` of "approve" or "review" and an optional `reason` (and `reasonEn`) per rule. It approves
 * only when at least one rule matched and every matched rule says approve; otherwise each rule's
 * reason goes to the reviewer.
 */
function verdictOf(d: TableDecision): { outcome: InstantOutcome; reasons: Localized[] } {
  if (d.outputs.length === 0) return { outcome: 'review', reasons: [reason('决策表没有命中任何规则', 'No rule of the decision table matched')] };
  if (d.outputs.some((o) => typeof o.outcome !== 'string')) {
    return { outcome: 'review', reasons: [reason('决策表没有给出结论（outcome）', 'The decision table gave no outcome')] };
  }
  const approve = d.outputs.every((o) => o.outcome === 'approve');
  const reasons = d.outputs
    .filter((o) => o.outcome !== 'approve' && typeof o.reason === 'string' && o.reason.trim())
    .map((o) => reason(String(o.reason), typeof o.reasonEn === 'string' && o.reasonEn.trim() ? o.reasonEn : String(o.reason)));
  if (!approve && reasons.length === 0) reasons.push(reason('决策表判定须人工审核', 'The decision table asks for a reviewer'));
  return { outcome: approve ? 'approve' : 'review', reasons };
}

/** Verifies and decides; every way of not deciding (an outage, no table, inputs of the wrong type) is a referral with its reason. */
async function decide(c: CaseRecord, instant: InstantApproval, answers: Record<string, unknown> | null, config: Config): Promise<InstantRecord> {
  const base = { decision: null, inputs: {}, outputs: [], rules: null };
  let findings: CheckFinding[];
  try {
    findings = await verifyAgainstSharedData(instant.checks, c, config);
  } catch (err) {
    if (!(err instanceof SharedDataUnavailableError)) throw err;
    const registry = err.registry === 'population' ? ['人口库', 'population registry'] : ['法人库', 'legal-person registry'];
    return {
      ...base,
      outcome: 'review',
      checks: [],
      reasons: [
        reason(
          `${registry[0]}暂不可用，未能核验共享数据，转人工审核`,
          `The ${registry[1]} is unavailable: shared data could not be verified, a reviewer decides`,
        ),
      ],
    };
  }
  const checks = findings.map((f) => ({ subject: f.subject, registry: f.registry, outcome: f.outcome }));
  try {
    const d = await decideByTable(engineOf(config), instant.decision, valuesOf(c, answers, findings));
    return {
      ...verdictOf(d),
      decision: { key: d.decision.key, version: d.decision.version, name: d.decision.name },
      inputs: d.inputs,
      outputs: d.outputs,
      rules: d.rules,
      checks,
    };
  } catch (err) {
    if (err instanceof DecisionNotDeployedError) {
      return {
        ...base,
        checks,
        outcome: 'review',
        reasons: [reason(`决策表“${instant.decision}”未部署，转人工审核`, `Decision "${instant.decision}" is not deployed: a reviewer decides`)],
      };
    }
    // a value of the wrong type for the table (the form changed under it): the reviewer decides, told which
    if (err instanceof AppError && err.status === 422) {
      const which = err.details.map((p) => p.field.replace(/^inputs\./, '')).join('、');
      return {
        ...base,
        checks,
        outcome: 'review',
        reasons: [
          reason(
            `决策表无法按本件数据求值（${which}），转人工审核`,
            `The decision table cannot be evaluated on this case's data (${which}): a reviewer decides`,
          ),
        ],
      };
    }
    throw err;
  }
}

/** 个人信息 the table read from the form (an ID number, a phone) is kept masked on the timeline, as pages show it. */
function masked(record: InstantRecord, personal: Map<string, PersonalKind>): InstantRecord {
  const inputs = Object.fromEntries(
    Object.entries(record.inputs).map(([name, value]) => {
      const kind = personal.get(name);
      return [name, kind && typeof value === 'string' ? maskPersonal(kind, value) : value];
    }),
  );
  return { ...record, inputs };
}

/** The process variables of a verdict: an approval is the step's decision (the item process's `decided` gateway reads decisionOutcome). */
const variablesOf = (outcome: InstantOutcome): Record<string, string> =>
  outcome === 'approve' ? { instantOutcome: outcome, decisionOutcome: 'approve' } : { instantOutcome: outcome };

/**
 * 即报即批 / 秒批 of an accepted case (workers/instant-approval): verified against shared data, decided
 * by the item's decision table, recorded on the timeline (the decision, its version, inputs, outputs
 * and the rules hit) and in the audit trail, the rules' hits counted — all in one transaction, keyed
 * on `effectKey`: a redelivered task replays what was recorded. Answers the process variables.
 */
export async function decideInstantly(caseNo: string, effectKey: string, config: Config, logger: Logger): Promise<Record<string, string>> {
  const recorded = await findTimelineEntry(effectKey);
  if (recorded) {
    logger.info('instant approval already decided for this step; replaying it');
    return variablesOf((recorded.detail as unknown as InstantRecord).outcome);
  }
  const c = await caseByNumber(caseNo);
  const target = await targetOfCase(c);
  const instant = target.items.find((i) => i.code === c.itemCode)?.definition.instantApproval;
  const record: InstantRecord = instant
    ? masked(await decide(c, instant, target.answers, config), personalFieldsOf(target.formSchema as { properties?: Record<string, object> }))
    : {
        outcome: 'review',
        reasons: [reason('该事项版本未设置秒批，转人工审核', 'This version of the item has no instant approval: a reviewer decides')],
        decision: null,
        inputs: {},
        outputs: [],
        rules: null,
        checks: [],
      };
  await caseTransaction(async (transaction) => {
    const type = record.outcome === 'approve' ? 'instant.approved' : 'instant.referred';
    if (!(await recordTimeline({ caseId: c.id, type, actor: INSTANT_ACTOR, detail: { ...record }, idempotencyKey: effectKey }, transaction))) return;
    if (record.decision) {
      await countRuleHits({ decision: { id: '', ...record.decision }, inputs: record.inputs, outputs: record.outputs, rules: record.rules }, transaction);
    }
    await recordAudit(
      {
        actor: INSTANT_ACTOR,
        action: 'case.instant_decided',
        target: `case:${c.caseNo}`,
        detail: { outcome: record.outcome, decision: record.decision, rules: record.rules, checks: record.checks },
      },
      transaction,
    );
  });
  logger.info({ outcome: record.outcome, decision: record.decision, rules: record.rules }, 'instant approval decided');
  return variablesOf(record.outcome);
}
