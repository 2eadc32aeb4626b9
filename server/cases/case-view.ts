import { Case } from './case.model.ts';
import { CaseMaterial } from './case-material.model.ts';
import { Commitment } from './commitment.model.ts';
import { TimelineEvent } from './timeline-event.model.ts';
import { notFound } from '../errors/app-error.ts';
import type { Locale } from '../i18n/locale.ts';
import { accountsByIds, groupsOf, hasRole, type Principal } from '../auth/index.ts';
import type { AppContext } from '../context.ts';
import { targetOfCase, type SubmissionTarget } from './submission-target.ts';
import { maskPersonal, personalFieldsOf } from '../../contract/catalog/personal.ts';
import { maskForm } from '../privacy/mask-form.ts';
import { CASE_STATUSES, FINAL_STATUSES } from './case-status.ts';
import { timelineLabel, timelineNotes } from './timeline.ts';
import { isStaff, mayView } from './case-access.ts';
import { calendarFor, deadlineColour } from '../calendar/index.ts';
import { caseActions } from './case-actions.ts';
import { licensesGivenFor } from '../e-licenses/index.ts';
import type { CaseViewSources } from './case-view-sources.ts';
import { regionsByCodes } from '../organization/index.ts';
import { pendingAcceptanceFindings } from './acceptance-findings.ts';
import { instantVerdict } from './instant-verdict.ts';
import { priorityOf } from '../../contract/priority.ts';
import { relationshipOf, type CaseAgentBody } from '../../contract/requests/case-agent.ts';

/** Stars all but the first `keepStart` and the last `keepEnd` characters (张三 → 张*, 13800138000 → 138****8000). */
export const mask = (value: string, keepStart: number, keepEnd: number) =>
  value.length <= keepStart + keepEnd
    ? value
    : `${value.slice(0, keepStart)}${'*'.repeat(value.length - keepStart - keepEnd)}${value.slice(value.length - keepEnd)}`;

/**
 * 按环节控制字段可见: a reviewer or leader sees the fields of the steps they hold, may take or have
 * handled in this case (all fields for a step the item does not restrict); with none of these, only
 * what every restricted step shows. The applicant, window clerks and administrators see it all.
 * 个人信息 (ID numbers, phones, addresses: contract/catalog/personal.ts) is masked for everyone
 * but the holder of a step whose field list names the field: the step that needs it.
 */
async function visibleForm(
  ctx: AppContext,
  principal: Principal,
  row: Case,
  target: SubmissionTarget,
  stepsHandledBy: CaseViewSources['stepsHandledBy'],
): Promise<Record<string, unknown>> {
  const stepFields = target.items.find((i) => i.code === row.itemCode)?.definition.stepFields;
  const personal = personalFieldsOf(target.formSchema as { properties?: Record<string, object> });
  if (!stepFields || row.submittedBy === principal.id || hasRole(principal, 'admin', 'clerk')) return maskForm(row.form, personal);
  const groups = new Set(groupsOf(principal));
  // the engine's open tasks (and the candidates of the unclaimed ones, side by side) beside the steps the viewer handled
  const [tasks, handled] = await Promise.all([ctx.engine.tasks({ processInstanceBusinessKey: row.caseNo }), stepsHandledBy(row.id, principal.id)]);
  const links = await Promise.all(tasks.map((task) => (task.assignee ? [] : ctx.engine.identityLinks(task.id))));
  const mine = tasks
    .filter((task, i) => task.assignee === principal.username || links[i]!.some((l) => l.type === 'candidate' && l.groupId && groups.has(l.groupId)))
    .map((task) => task.taskDefinitionKey);
  const own = [...mine, ...handled];
  // the fields the viewer's own steps name: those they need, shown in full
  const needed = new Set(own.flatMap((step) => stepFields[step] ?? []));
  const steps = own.length ? own : Object.keys(stepFields);
  if (steps.some((step) => !stepFields[step])) return maskForm(row.form, personal, needed);
  const fields = new Set(steps.flatMap((step) => stepFields[step]!));
  return maskForm(Object.fromEntries(Object.entries(row.form).filter(([name]) => fields.has(name))), personal, needed);
}

/** 四级: the region that handles the case and, when elsewhere, the one it was applied in, named in the viewer's language. */
async function regionsOf(row: Pick<Case, 'regionCode' | 'receivedRegionCode'>, locale: Locale) {
  const codes = [row.regionCode, row.receivedRegionCode].filter((c): c is string => Boolean(c));
  const names = new Map((await regionsByCodes(codes)).map((r) => [r.code, locale === 'en' ? r.nameEn : r.nameZh]));
  const named = (code: string | null) => (code ? { code, name: names.get(code) ?? code } : null);
  return { region: named(row.regionCode), receivedIn: row.receivedRegionCode !== row.regionCode ? named(row.receivedRegionCode) : null };
}

/** While a failed step holds the case up (an open engine incident): staff read 异常, the applicant (and 办件查询, server/cases/public-lookup.ts) that staff are on it. */
export const INCIDENT_LABELS = {
  staff: { 'zh-CN': '异常', en: 'Incident' },
  applicant: { 'zh-CN': '办理中，工作人员处理中', en: 'In progress: our staff are handling it' },
} as const;

/** The case as its viewer may see it: status, applicant (masked), form, materials, opinions and timeline. */
export async function caseView(ctx: AppContext, sources: CaseViewSources, principal: Principal, caseNo: string, locale: Locale) {
  const { deadlineWarningShare: warningShare, regionCode } = ctx.config;
  const row = await Case.findOne({ where: { caseNo } });
  if (!row || !(await mayView(principal, row))) throw notFound('case_not_found');
  const [target, materials, events, opinions, commitments, caseLicenses, children, parent] = await Promise.all([
    targetOfCase(row),
    CaseMaterial.findAll({ where: { caseId: row.id }, order: [['id', 'ASC']] }),
    TimelineEvent.findAll({ where: { caseId: row.id }, order: [['id', 'ASC']] }),
    sources.opinionsOf(row.id),
    Commitment.findAll({ where: { caseId: row.id }, order: [['id', 'ASC']] }),
    licensesGivenFor(row.id),
    Case.findAll({ where: { parentCaseId: row.id }, order: [['caseNo', 'ASC']] }),
    row.parentCaseId ? Case.findByPk(row.parentCaseId) : null,
  ]);
  // each of these asks the database or the engine on its own: at once, not one after the other
  const [calendar, reviewFiles, incident, form, regions, bundleSigned] = await Promise.all([
    calendarFor(regionCode),
    sources.reviewFilesOf(row.id),
    sources.incidentOf(ctx, row),
    visibleForm(ctx, principal, row, target, sources.stepsHandledBy),
    regionsOf(row, locale),
    parent ? Commitment.findAll({ where: { caseId: parent.id }, order: [['id', 'ASC']] }) : [],
  ]);
  // an item case of a 一件事: the bundle's 告知承诺 and 容缺 for this item's materials are its own too (its reviewers read them)
  const bundleCommitments = bundleSigned.filter((k) => target.materials.some((m) => m.code === k.materialCode));
  // the agent as the submission named them (contract/requests/case-agent.ts): the relationship where registered
  const agent = row.agent as CaseAgentBody | null;
  const staff = isStaff(principal);
  const userIds = [...new Set([...opinions.map((o) => o.userId), ...reviewFiles.map((r) => r.userId)])];
  const users = new Map((await accountsByIds(userIds)).map((u) => [u.id, u]));
  const materialNames = new Map([...target.materials, ...target.generatedMaterials].map((m) => [m.code, locale === 'en' ? m.nameEn : m.name]));
  const itemName = (code: string) => {
    const item = target.items.find((i) => i.code === code);
    return item ? (locale === 'en' ? item.definition.nameEn : item.name) : code;
  };
  return {
    caseNo: row.caseNo,
    kind: row.kind,
    item: { code: row.itemCode, version: row.itemVersion, name: row.kind === 'item' ? itemName(row.itemCode) : locale === 'en' ? target.nameEn : target.name },
    // 办理情形 of an item asking them (its reviewers read what the applicant said), 情形问答 of a bundle
    ...(row.answers ? { answers: row.answers } : {}),
    // 一件事: the bundle's item cases, each decided by its department; an item case names its bundle
    ...(row.kind === 'bundle'
      ? {
          onItemRejected: target.onItemRejected,
          items: children.map((child) => ({
            caseNo: child.caseNo,
            itemCode: child.itemCode,
            name: itemName(child.itemCode),
            departmentCode: child.departmentCode,
            status: child.status,
            statusLabel: CASE_STATUSES[child.status][locale],
            promisedDueAt: child.promisedDueAt?.toISOString() ?? null,
          })),
        }
      : {}),
    bundleCaseNo: parent?.caseNo ?? null,
    departmentCode: row.departmentCode,
    ...regions,
    channel: row.channel,
    // 绿色通道: put first by the window (an item case of a bundle: with its bundle)
    priority: priorityOf(row.priorityReason ?? parent?.priorityReason, locale),
    status: row.status,
    statusLabel: incident ? INCIDENT_LABELS[staff ? 'staff' : 'applicant'][locale] : CASE_STATUSES[row.status][locale],
    // 运维监控: a failed step holds the case up; staff see since when and where, the applicant only that staff are on it
    incident: incident && staff ? incident : null,
    final: FINAL_STATUSES.includes(row.status),
    decision: row.decision ?? null,
    applicant: {
      name: row.applicantName,
      idType: row.applicantIdType,
      idNo: maskPersonal('id-number', row.applicantIdNo),
      phone: maskPersonal('phone', row.applicantPhone),
    },
    agent: agent
      ? {
          name: agent.name,
          idNo: maskPersonal('id-number', agent.idNo),
          phone: maskPersonal('phone', agent.phone),
          // 帮办代办: how the agent stands to the applicant, as the window registered it
          ...relationshipOf(agent.relationship, locale),
        }
      : null,
    form,
    // files reviewers added during review: for staff only
    reviewAttachments: isStaff(principal)
      ? reviewFiles.map((r) => ({
          attachmentId: r.attachmentId,
          task: r.taskName,
          note: r.note,
          by: users.get(r.userId)?.displayName ?? String(r.userId),
          at: r.createdAt.toISOString(),
        }))
      : [],
    materials: [
      ...materials.map((m) => ({ code: m.materialCode, name: materialNames.get(m.materialCode) ?? m.materialCode, attachmentId: m.attachmentId })),
      ...caseLicenses.map((l) => {
        const license = l.license!;
        return {
          code: l.materialCode,
          name: materialNames.get(l.materialCode) ?? l.materialCode,
          eLicense: {
            type: license.type,
            // 个人信息: a licence numbered by its holder's ID number shows it masked
            number: license.number === license.holderIdNo ? maskPersonal('id-number', license.number) : license.number,
            name: license.name,
            holder: license.holderName,
            validUntil: license.validUntil?.toISOString() ?? null,
            valid: license.validAt(),
          },
        };
      }),
    ],
    commitments: [...bundleCommitments, ...commitments].map((k) => ({
      kind: k.kind,
      materialCode: k.materialCode,
      material: materialNames.get(k.materialCode) ?? k.materialCode,
      text: k.text,
      signer: k.signerName,
      signedAt: k.signedAt.toISOString(),
      sha256: k.sha256,
      ...(k.kind === 'deferral'
        ? {
            dueAt: k.dueAt?.toISOString() ?? null,
            fulfilledAt: k.fulfilledAt?.toISOString() ?? null,
            // until acceptance sets the day: the period it will run for (容缺, DEFICIENCY_WORKING_DAYS)
            workingDays: ctx.config.deficiencyWorkingDays,
          }
        : {}),
    })),
    opinions: opinions.map((o) => ({
      step: o.activityName ?? o.activityId,
      outcome: o.outcome,
      comment: o.comment,
      by: users.get(o.userId)?.displayName ?? String(o.userId),
      at: o.createdAt.toISOString(),
    })),
    // 窗口人工受理: staff read why the machine passed the case to a clerk
    acceptanceFindings: staff ? pendingAcceptanceFindings(events, locale) : null,
    // 秒批: the decision table's verdict (approved, or referred to a reviewer with its reasons)
    instantApproval: instantVerdict(events, locale),
    timeline: events.map((e) => ({
      at: e.createdAt.toISOString(),
      type: e.type,
      label: timelineLabel(e, locale),
      actor: e.actor,
      detail: e.detail,
      // what the entry notes for people, in words (a document's character no font has …)
      notes: timelineNotes(e, locale),
    })),
    deadline:
      row.acceptedAt && row.promisedDueAt
        ? {
            acceptedAt: row.acceptedAt.toISOString(),
            promisedDueAt: row.promisedDueAt.toISOString(),
            statutoryDueAt: row.statutoryDueAt?.toISOString() ?? null,
            // the clock stands still in a special procedure (Art. 45): no colour then
            colour:
              FINAL_STATUSES.includes(row.status) || row.suspendedAt
                ? null
                : deadlineColour(calendar, row.acceptedAt, row.promisedDueAt, new Date(), warningShare),
            suspendedSince: row.suspendedAt?.toISOString() ?? null,
            suspendedWorkingDays: row.suspendedWorkingDays,
            // counted in a year whose holidays are derived (no State Council arrangement yet): said so on the pages
            provisional: calendar.provisionalBetween(row.acceptedAt, new Date(Math.max(row.promisedDueAt.getTime(), row.statutoryDueAt?.getTime() ?? 0))),
          }
        : null,
    processInstanceId: row.processInstanceId,
    // what the viewer may do now (撤回, 补正, 容缺 supply, 催办, staff's 收回) and what 补正 / 容缺 ask for
    ...(await caseActions(ctx, sources.mayTakeBack, principal, row, target, commitments, locale)),
    submittedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
