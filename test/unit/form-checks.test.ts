import { expect } from 'chai';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';
import { FORM_REQUESTS, type FormRequestName } from '../../contract/requests/index.ts';
import { ratingRules, ratingSchema, type RatingBody } from '../../contract/requests/ratings.ts';
import { ticketRules, ticketSchema, type TicketBody } from '../../contract/requests/queue.ts';
import {
  raiseProblemSchema,
  rectificationRules,
  rectifyBadRatingSchema,
  rectifyProblemSchema,
  reviewProblemSchema,
  reviewRules,
  type RectifyProblemBody,
  type ReviewProblemBody,
} from '../../contract/requests/problems.ts';
import { createDraftSchema } from '../../contract/requests/modeler.ts';
import { arrangementImportSchema, arrangementRules, calendarOverrideSchema, type ArrangementImportBody } from '../../contract/requests/calendar.ts';
import {
  accountChangeRules,
  accountChangeSchema,
  accountRules,
  identityBindingSchema,
  newAccountSchema,
  type AccountBody,
} from '../../contract/requests/accounts.ts';
import type { Role } from '../../contract/roles.ts';
import { deputyRules, deputySchema, type DeputyBody } from '../../contract/requests/deputies.ts';
import { revocationSchema } from '../../contract/requests/e-licenses.ts';
import { completionRules, completionSchema, type Completion } from '../../contract/requests/task-completion.ts';
import {
  batchRetrySchema,
  caseCancelSchema,
  caseMoveSchema,
  incidentRetryRules,
  incidentRetrySchema,
  type IncidentRetryBody,
} from '../../contract/requests/operations.ts';
import { copySchema, handOverSchema, reasonSchema, resolveSchema, suspendSchema, urgeSchema } from '../../contract/requests/case-actions.ts';
import {
  hallChangeSchema,
  hallWindowRules,
  hallWindowSchema,
  newHallSchema,
  newRegionDepartmentSchema,
  newRegionSchema,
  regionChangeSchema,
  regionDepartmentChangeSchema,
  regionRules,
  type HallWindowBody,
  type RegionBody,
} from '../../contract/requests/organization.ts';
import { inLocale, type FieldProblem } from '../../contract/problems.ts';
import type { CompiledSchema } from '../../contract/validation/check.ts';
import { standaloneValidators } from '../../contract/validation/standalone.ts';
import { problemsOf } from '../../server/validation/ajv.ts';
import { AppError } from '../../server/errors/app-error.ts';
import { checkDeliveryChoice } from '../../server/cases/delivery-choice.ts';
import { handoverSchema } from '../../server/deliveries/handover.ts';
import { monitoringRuleSchema } from '../../contract/requests/monitoring-rules.ts';
import {
  enrolmentCodeRules,
  loginRules,
  loginSchema,
  ownEnrolmentConfirmationSchema,
  passwordChangeSchema,
  secondStepRules,
  secondStepSchema,
  stepUpRules,
  stepUpSchema,
  type Codes,
  type LoginBody,
  type SecondStepBody,
} from '../../contract/requests/sign-in.ts';
import { phoneCodeSchema, phoneVerificationSchema, registrationRules, registrationSchema, type NewRegistration } from '../../contract/requests/registration.ts';
import { publicLookupSchema } from '../../contract/requests/public-lookup.ts';
import { bundlePlanSchema } from '../../contract/requests/bundles.ts';
import { requestChecker } from '../../modeler/src/shared/requestChecks.ts';
import { withoutPrefix } from '../../modeler/src/shared/fieldPlaces.ts';
import { submissionSchema } from '../../server/cases/submission-schema.ts';

/**
 * The web app checks a form's request before it sends it (modeler/src/shared/useFormProblems.ts)
 * with the schemas compiled for the browser (contract/validation/standalone.ts, as the Vite build
 * does) and the contract's rules; the server checks the same body with its own ajv and its own
 * code path. For every request the pages check, and every bad body below, both find the same
 * problems at the same fields in the same words, in Chinese and in English.
 */

/** What the server finds in a body, as its 422 would list it (empty: it passes the checks of the body). */
const SERVER: Record<FormRequestName, (body: unknown) => FieldProblem[]> = {
  // the sign-in and the second factor (server/auth): the schema, then the rules (then the account, the lock and the code, in the database)
  login: (body) => {
    const problems = problemsOf(loginSchema, body);
    return problems.length ? problems : loginRules(body as LoginBody);
  },
  // then the current password, and the policy for the session's user name (which the page adds: passwordRules.ts)
  passwordChange: (body) => problemsOf(passwordChangeSchema, body),
  secondStep: (body) => {
    const problems = problemsOf(secondStepSchema, body);
    return problems.length ? problems : secondStepRules(body as SecondStepBody);
  },
  // SecondFactors.confirm: six digits, or the code is wrong
  enrolmentConfirmation: (body) => {
    const problems = problemsOf(ownEnrolmentConfirmationSchema, body);
    return problems.length ? problems : enrolmentCodeRules(body as { code: string });
  },
  secondFactorStepUp: (body) => {
    const problems = problemsOf(stepUpSchema, body);
    return problems.length ? problems : stepUpRules(body as Codes);
  },
  // registrationRoutes and Registration (server/auth/registration.*): the schema, then the password policy (then the phone's proof, the names taken, the real-name check)
  phoneCode: (body) => problemsOf(phoneCodeSchema, body),
  phoneVerification: (body) => problemsOf(phoneVerificationSchema, body),
  registration: (body) => {
    const problems = problemsOf(registrationSchema, body);
    return problems.length ? problems : registrationRules(body as NewRegistration);
  },
  // publicLookupRoutes (server/cases/public-lookup.ts): the schema (then the case and the phone, alike when either is wrong)
  publicLookup: (body) => problemsOf(publicLookupSchema, body),
  // bundlesRoutes (server/catalog/bundles.controller.ts): the schema (then the answers against the bundle's questions)
  bundlePlan: (body) => problemsOf(bundlePlanSchema, body),
  deliveryChoice: (body) => {
    try {
      checkDeliveryChoice(body);
      return [];
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      return err.details;
    }
  },
  // rateCase (server/ratings/ratings.service.ts): the schema, then (once the case is found rateable) the rules
  rating: (body) => {
    const problems = problemsOf(ratingSchema, body);
    return problems.length ? problems : ratingRules(body as RatingBody);
  },
  // issueTicket (server/queue/tickets.ts): the schema, then the rules (then the hall's windows and the item)
  queueTicket: (body) => {
    const problems = problemsOf(ticketSchema, body);
    return problems.length ? problems : ticketRules(body as TicketBody);
  },
  // the problems' routes (server/problems/problems.service.ts): the schema (a 差评's asks for the 回访), then the rules (then the problem's state)
  raiseProblem: (body) => problemsOf(raiseProblemSchema, body),
  rectifyProblem: (body) => {
    const problems = problemsOf(rectifyProblemSchema, body);
    return problems.length ? problems : rectificationRules(body as RectifyProblemBody);
  },
  rectifyBadRating: (body) => {
    const problems = problemsOf(rectifyBadRatingSchema, body);
    return problems.length ? problems : rectificationRules(body as RectifyProblemBody);
  },
  reviewProblem: (body) => {
    const problems = problemsOf(reviewProblemSchema, body);
    return problems.length ? problems : reviewRules(body as ReviewProblemBody);
  },
  // PUT /supervision/monitoring-rules/{indicator} (server/supervision/monitoring-rules.ts): the schema (then a rate's bound, by the indicator)
  monitoringRule: (body) => problemsOf(monitoringRuleSchema, body),
  pickupHandover: (body) => problemsOf(handoverSchema, body),
  // submitCase (server/cases/cases.service.ts): POST /cases through the assisted channel checks its `agent` (帮办代办) in the submission's schema
  assistedAgent: (body) =>
    problemsOf(submissionSchema, {
      itemCode: 'SCJG-SP-002',
      channel: 'assisted',
      applicant: { name: '张三', idType: 'resident_id', idNo: '430102199003071234', phone: '13800138000' },
      form: {},
      materials: [],
      agent: body,
    }).map((p) => ({ ...p, field: withoutPrefix(p.field, 'agent') })),
  createDraft: (body) => problemsOf(createDraftSchema, body),
  // setDeputy (server/inbox/deputies.ts): the schema, then the period's rules (and then, in the database, who the deputy is)
  deputy: (body) => {
    const problems = problemsOf(deputySchema, body);
    return problems.length ? problems : deputyRules(body as DeputyBody);
  },
  revokeLicense: (body) => problemsOf(revocationSchema, body),
  // UserAdministration (server/auth/user-admin.ts): the schema, then the rules (then whether the department exists, in the database)
  newAccount: (body) => {
    const problems = problemsOf(newAccountSchema, body);
    return problems.length ? problems : accountRules(body as { roles: Role[]; departmentCode?: string | null });
  },
  accountChange: (body) => {
    const problems = problemsOf(accountChangeSchema, body);
    return problems.length ? problems : accountChangeRules(body as AccountBody);
  },
  // identityAdminRoutes (server/auth/identity-admin.ts): the schema (then whether another account holds the number)
  identityBinding: (body) => problemsOf(identityBindingSchema, body),
  // calendarRoutes (server/calendar/calendar.controller.ts): the schema (the day is the path's, checked apart)
  calendarOverride: (body) => problemsOf(calendarOverrideSchema, body),
  // the import: the schema, then the rules (each day in the year, none twice)
  calendarArrangement: (body) => {
    const problems = problemsOf(arrangementImportSchema, body);
    return problems.length ? problems : arrangementRules(body as ArrangementImportBody);
  },
  // the cases' and the inbox's routes (server/cases/cases.controller.ts, server/inbox/tasks.controller.ts): the schema
  // completeTask (server/inbox/tasks.service.ts): the schema, then the rules (clerkOutcome in server/acceptance), then whether the outcome fits the task
  completion: (body) => {
    const problems = problemsOf(completionSchema, body);
    return problems.length ? problems : completionRules(body as Completion);
  },
  caseReason: (body) => problemsOf(reasonSchema, body),
  urge: (body) => problemsOf(urgeSchema, body),
  handOver: (body) => problemsOf(handOverSchema, body),
  copy: (body) => problemsOf(copySchema, body),
  resolve: (body) => problemsOf(resolveSchema, body),
  suspend: (body) => problemsOf(suspendSchema, body),
  // organizationRoutes (server/organization/organization.controller.ts): the schema, then createRegion's and the windows' rules (then the database: parents, kinds, numbers)
  newRegion: (body) => {
    const problems = problemsOf(newRegionSchema, body);
    return problems.length ? problems : regionRules(body as RegionBody);
  },
  regionChange: (body) => problemsOf(regionChangeSchema, body),
  newRegionDepartment: (body) => problemsOf(newRegionDepartmentSchema, body),
  regionDepartmentChange: (body) => problemsOf(regionDepartmentChangeSchema, body),
  newHall: (body) => problemsOf(newHallSchema, body),
  hallChange: (body) => problemsOf(hallChangeSchema, body),
  hallWindow: (body) => {
    const problems = problemsOf(hallWindowSchema, body);
    return problems.length ? problems : hallWindowRules(body as HallWindowBody);
  },
  // operationsRoutes (server/operations/operations.controller.ts): the schema (then the incident, the case and its process)
  incidentRetry: (body) => {
    const problems = problemsOf(incidentRetrySchema, body);
    return problems.length ? problems : incidentRetryRules(body as IncidentRetryBody);
  },
  incidentBatchRetry: (body) => problemsOf(batchRetrySchema, body),
  caseMove: (body) => problemsOf(caseMoveSchema, body),
  caseCancel: (body) => problemsOf(caseCancelSchema, body),
};

/** an instant `days` from now, as the page sends it */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const recipient = { name: '张三', phone: '13800138000', address: '湖南省长沙市岳麓区麓山南路 1 号' };
const RARE = '𠀀'; // one character, two UTF-16 code units: lengths count characters on both sides

/** Bodies each page may send, good and bad (the bad ones cover every kind of problem the schema and the rules find). */
const newcomer = { verification: 'v1', username: 'zhang.san', displayName: '张三', idNo: '430102199003071234', password: 'Zhang-Pass-1' };

const BODIES: Record<FormRequestName, { good: unknown[]; bad: unknown[] }> = {
  login: {
    good: [
      { username: 'reviewer', password: 'demo' },
      { username: 'li.xin', password: 'Old-Pass-1', newPassword: 'New-Pass-22' },
    ],
    bad: [
      {},
      { username: '', password: '' },
      { username: 'x'.repeat(65), password: 'p' },
      { username: 'li.xin', password: 'p', newPassword: 'short' },
      { username: 'li.xin', password: 'p', newPassword: 'Li.Xin-Pass-9' },
      { username: 7, password: 'p' },
      { username: 'li.xin', password: 'p', remember: true },
    ],
  },
  passwordChange: {
    good: [{ currentPassword: 'Old-Pass-1', newPassword: 'x' }],
    bad: [{}, { currentPassword: '', newPassword: '' }, { currentPassword: 'a', newPassword: 'b'.repeat(257) }, { currentPassword: 'a' }],
  },
  secondStep: {
    good: [
      { challenge: 'c.h.a', code: '123456' },
      { challenge: 'c', recoveryCode: 'abcde-fghij' },
      { challenge: 'c', newPassword: 'New-Pass-22' },
      // a malformed code is sent: it counts toward the lock like a wrong one
      { challenge: 'c', code: '12' },
    ],
    bad: [
      {},
      { challenge: 'c' },
      { challenge: '', code: '' },
      { challenge: 'c', code: '1'.repeat(17) },
      { challenge: 'c', recoveryCode: 'r'.repeat(33) },
      { challenge: 'c', code: '123456', remember: true },
    ],
  },
  enrolmentConfirmation: {
    good: [{ code: '123456' }, { code: '123 456' }],
    bad: [{}, { code: '' }, { code: '12345' }, { code: 'abcdef' }, { code: '1234567' }, { code: '1'.repeat(17) }, { code: '123456', challenge: 'c' }],
  },
  secondFactorStepUp: {
    good: [{ code: '123456' }, { recoveryCode: 'abcde-fghij' }, { code: '1' }],
    bad: [{}, { code: '' }, { recoveryCode: '' }, { code: '1'.repeat(17) }, { code: '123456', remember: true }],
  },
  phoneCode: {
    good: [{ phone: '13800138000' }],
    bad: [{}, { phone: '12345' }, { phone: '' }, { phone: '13800138000', code: '1' }],
  },
  phoneVerification: {
    good: [{ phone: '13800138000', code: '012345' }],
    bad: [{}, { phone: '13800138000', code: '12345' }, { phone: '13800138000', code: '12a456' }, { phone: '1', code: '' }],
  },
  registration: {
    good: [newcomer, { ...newcomer, idNo: '11010519491231002X', username: 'li_4.x-y', displayName: RARE.repeat(100) }],
    bad: [
      {},
      { ...newcomer, username: 'Zhang' },
      { ...newcomer, username: 'zs' },
      { ...newcomer, password: 'short' },
      { ...newcomer, password: 'zhang.san-Pass-1' },
      { ...newcomer, idNo: '430102199003071235' },
      { ...newcomer, displayName: '\u200B' },
      { ...newcomer, verification: '' },
      { ...newcomer, phone: '13800138000' },
    ],
  },
  publicLookup: {
    good: [
      { caseNo: '43010020261122000042', phone: '13800138000' },
      { caseNo: '4301-0020 2611', phone: '+86 (138) 0013-8000' },
    ],
    bad: [
      {},
      { caseNo: '', phone: '' },
      { caseNo: '4301#', phone: '138' },
      { caseNo: '4'.repeat(41), phone: '1'.repeat(25) },
      { caseNo: '1', phone: 'tel:138' },
      { caseNo: '1', phone: '1', name: '张三' },
    ],
  },
  bundlePlan: {
    good: [{ answers: {} }, { answers: { hasShop: true, kind: 'restaurant' }, byAgent: true }],
    bad: [{}, { answers: 'yes' }, { answers: {}, byAgent: 'yes' }, { answers: {}, who: 'me' }],
  },
  deputy: {
    good: [{ deputy: 'reviewer4', startsAt: inDays(0), endsAt: inDays(5), reason: '休假' }],
    bad: [
      {},
      { deputy: '', startsAt: 'tomorrow', endsAt: inDays(5), reason: ' ' },
      { deputy: 'reviewer4', startsAt: inDays(5), endsAt: inDays(1), reason: '休假' },
      { deputy: 'reviewer4', startsAt: inDays(-10), endsAt: inDays(-1), reason: '休假' },
      { deputy: 'reviewer4', startsAt: inDays(0), endsAt: inDays(91), reason: '休假' },
      { deputy: 'reviewer4', startsAt: inDays(0), endsAt: inDays(5), reason: RARE.repeat(201) },
    ],
  },
  revokeLicense: {
    good: [{ reason: '证件遗失' }, { reason: RARE.repeat(200) }],
    bad: [{}, { reason: '' }, { reason: '  ' }, { reason: '失' }, { reason: RARE.repeat(201) }, { reason: '证件遗失', extra: true }],
  },
  newAccount: {
    good: [
      { username: 'li.xin', displayName: '李新', roles: ['clerk'], departmentCode: 'center' },
      { username: 'wang-5', displayName: '王𪚥', roles: ['auditor'], departmentCode: 'data' },
      { username: 'zhang3', displayName: '张三', roles: ['applicant'], departmentCode: null },
    ],
    bad: [
      {},
      { username: 'X', displayName: '\u200B', roles: [] },
      { username: 'li.xin', displayName: '李新', roles: ['admin', 'auditor'], departmentCode: 'data' },
      { username: 'li.xin', displayName: '李新', roles: ['security_admin', 'clerk'], departmentCode: 'data' },
      { username: 'li.xin', displayName: '李新', roles: ['reviewer'] },
      { username: 'li.xin', displayName: '李新', roles: ['applicant', 'clerk'], departmentCode: 'center' },
      { username: 'li.xin', displayName: '李新', roles: ['pope'], departmentCode: 'center', extra: 1 },
    ],
  },
  accountChange: {
    good: [
      { displayName: '李新', roles: ['clerk'], departmentCode: 'center', active: false },
      { displayName: '李新' },
      {
        displayName: '李新',
        roles: ['reviewer'],
        departmentCode: 'samr',
        regionCode: '430104',
        handOver: [
          { taskId: 'a1-b2', to: 'reviewer4' },
          { taskId: '42', to: null },
        ],
      },
    ],
    bad: [
      {},
      { roles: ['admin', 'security_admin'], departmentCode: 'data' },
      { roles: ['leader'], departmentCode: null },
      { active: 'no' },
      { active: false, handOver: [{ taskId: 'a1', to: 'Reviewer 4' }, { taskId: '../x', to: null }, { taskId: 'b2' }] },
      {
        active: false,
        handOver: [
          { taskId: 'a1', to: 'reviewer4' },
          { taskId: 'a1', to: null },
        ],
      },
    ],
  },
  identityBinding: {
    good: [{ idNo: '430102199003071234' }, { idNo: '11010519491231002X' }],
    bad: [{}, { idNo: '430102199003071235' }, { idNo: '' }, { idNo: 4301021990 }, { idNo: '430102199003071234', extra: 1 }],
  },
  deliveryChoice: {
    good: [
      { method: 'electronic' },
      { method: 'pickup' },
      { method: 'logistics', recipient },
      { method: 'logistics', recipient: { ...recipient, name: RARE.repeat(30) } },
    ],
    bad: [
      {},
      { method: 'drone' },
      { method: 'logistics' },
      { method: 'pickup', recipient },
      { method: 'logistics', recipient: { ...recipient, phone: '12345' } },
      { method: 'logistics', recipient: { ...recipient, phone: '23800138000', address: '短地址' } },
      { method: 'logistics', recipient: { ...recipient, name: '张三3' } },
      { method: 'logistics', recipient: { ...recipient, name: '\u202E张三' } },
      { method: 'logistics', recipient: { ...recipient, name: RARE.repeat(31) } },
      { method: 'logistics', recipient: { ...recipient, address: '北京路 100 号 3 栋 2 单元' } },
      { method: 'logistics', recipient: { name: '张三' } },
      { method: 'logistics', recipient: { ...recipient, floor: 3 } },
      { method: 'electronic', note: '快一点' },
      'electronic',
      null,
    ],
  },
  assistedAgent: {
    good: [
      { name: '李四', idNo: '11010519491231002X', phone: '13700137000', relationship: 'family' },
      { name: RARE.repeat(50), idNo: '430102199003071234', phone: '13700137000', relationship: 'helper' },
    ],
    bad: [
      {},
      { name: '李四', idNo: '11010519491231002X', phone: '13700137000' },
      { name: '李四', idNo: '11010519491231002Y', phone: '13700137000', relationship: 'family' },
      { name: '李四', idNo: '430102199003071235', phone: '1370013700', relationship: 'boss' },
      { name: ' ', idNo: '11010519491231002X', phone: '13700137000', relationship: 'family' },
      { name: '\u200B', idNo: '11010519491231002X', phone: '13700137000', relationship: 'family' },
      { name: RARE.repeat(51), idNo: '11010519491231002X', phone: '13700137000', relationship: 'family' },
    ],
  },
  pickupHandover: {
    good: [{ pickupCode: '123456', idNo: '430102199003071234' }],
    bad: [{}, { pickupCode: '', idNo: '' }, { pickupCode: '1234567890123456789', idNo: '430102199003071234' }, { pickupCode: '123456', idNo: '4'.repeat(33) }],
  },
  queueTicket: {
    good: [
      { windowKind: 'general' },
      { windowKind: 'special', departmentCode: 'samr', itemCode: 'SCJG-GT-001', personName: '王五', phone: '13800138000' },
      { windowKind: 'green', priority: 'elderly', departmentCode: null, itemCode: null, personName: null, phone: null },
    ],
    bad: [
      {},
      { windowKind: 'vip' },
      { windowKind: 'special' },
      { windowKind: 'general', departmentCode: 'samr' },
      { windowKind: 'green' },
      { windowKind: 'general', priority: 'elderly' },
      { windowKind: 'green', priority: 'vip' },
      { windowKind: 'general', phone: '12345' },
      { windowKind: 'general', personName: '' },
      { windowKind: 'general', itemCode: '-x' },
      { windowKind: 'general', ticket: 1 },
    ],
  },
  rating: {
    good: [{ level: 5 }, { level: 4, comment: '很好' }, { level: 1, reasons: ['slow'] }, { level: 2, reasons: ['other'], comment: RARE.repeat(500) }],
    bad: [
      {},
      { level: 0 },
      { level: 6 },
      { level: 3.5 },
      { level: '5' },
      { level: 1 },
      { level: 2, reasons: [] },
      { level: 2, reasons: ['other'] },
      { level: 2, reasons: ['other'], comment: '   ' },
      { level: 2, reasons: ['slow', 'slow'] },
      { level: 2, reasons: ['late'] },
      { level: 5, comment: RARE.repeat(501) },
      { level: 5, stars: 5 },
    ],
  },
  raiseProblem: {
    good: [
      { departmentCode: 'samr', title: '窗口一次性告知不清', description: '走流程发现：材料清单与窗口要求不一致' },
      {
        departmentCode: 'fire',
        regionCode: '430104',
        caseNo: '43010020261122000042',
        itemCode: 'SCJG-GT-001',
        title: RARE,
        description: RARE.repeat(4000),
        dueDays: 60,
      },
    ],
    bad: [
      {},
      { departmentCode: '', title: ' ', description: 'x' },
      { departmentCode: 'samr', title: 't', description: 'd', dueDays: 0 },
      { departmentCode: 'samr', title: 't', description: 'd', dueDays: 61 },
      { departmentCode: 'samr', title: 't', description: 'd', caseNo: 'x1' },
      { departmentCode: 'samr', title: RARE.repeat(201), description: 'd' },
      { departmentCode: 'samr', title: 't', description: 'd', severity: 'high' },
    ],
  },
  rectifyProblem: {
    good: [{ rectification: '已修订办事指南' }, { rectification: RARE, visit: { at: '2026-01-05T08:00:00.000Z', method: 'phone', feedback: '满意' } }],
    bad: [
      {},
      { rectification: '  ' },
      { rectification: 'x', visit: { at: 'yesterday', method: 'fax', feedback: '' } },
      { rectification: 'x', visit: { at: '2999-01-01T00:00:00.000Z', method: 'phone', feedback: '好' } },
    ],
  },
  rectifyBadRating: {
    good: [{ rectification: '已约谈窗口人员', visit: { at: '2026-01-05T08:00:00.000Z', method: 'on_site', feedback: '申请人认可' } }],
    bad: [{ rectification: '已约谈窗口人员' }, { rectification: 'x', visit: { at: '2026-01-05T08:00:00.000Z', method: 'phone' } }, { visit: {} }],
  },
  monitoringRule: {
    good: [
      { threshold: 0.1, days: 30, minCases: 5, enabled: true },
      { threshold: 3, days: 92, minCases: 0, enabled: false },
    ],
    bad: [
      {},
      { threshold: -1, days: 30, minCases: 5, enabled: true },
      { threshold: 0.1, days: 0, minCases: 5, enabled: true },
      { threshold: 0.1, days: 30, minCases: 1.5, enabled: 'yes' },
      { threshold: 0.1, days: 30, minCases: 5, enabled: true, by: 'me' },
    ],
  },
  reviewProblem: {
    good: [{ decision: 'accept' }, { decision: 'accept', reason: '整改到位' }, { decision: 'send_back', reason: '未见回访记录' }],
    bad: [{}, { decision: 'send_back' }, { decision: 'send_back', reason: '   ' }, { decision: 'maybe' }, { decision: 'accept', by: 'me' }],
  },
  calendarArrangement: {
    good: [
      {
        year: 2027,
        dryRun: true,
        days: [
          { day: '2027-01-01', kind: 'holiday', name: '元旦' },
          { day: '2027-02-20', kind: 'workday', name: '春节' },
        ],
      },
      { year: 2030, days: [{ day: '2030-10-01', kind: 'holiday', name: RARE.repeat(100) }] },
    ],
    bad: [
      {},
      { year: 2027, days: [] },
      { year: 27, days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }], dryRun: 'yes' },
      {
        year: 2027,
        days: [{ day: '2027-02-30', kind: 'vacation', name: ' ' }, { day: '2027-02-06' }, { day: '2027-02-07', kind: 'holiday', name: '春节', extra: 1 }],
      },
      {
        year: 2027,
        days: [
          { day: '2027-02-06', kind: 'holiday', name: '春节' },
          { day: '2028-01-01', kind: 'holiday', name: '元旦' },
          { day: '2027-02-06', kind: 'workday', name: '春节' },
        ],
      },
    ],
  },
  calendarOverride: {
    good: [
      { kind: 'holiday', name: '长沙市民节' },
      { kind: 'workday', name: '调休上班', region: '430100' },
      { kind: 'holiday', name: RARE.repeat(100), region: '*' },
    ],
    bad: [
      {},
      { kind: 'vacation', name: '假日' },
      { kind: 'holiday', name: '' },
      { kind: 'holiday', name: '   ' },
      { kind: 'holiday', name: RARE.repeat(101) },
      { kind: 'holiday', name: '假日', region: '4301' },
      { kind: 'holiday', name: '假日', region: '' },
      { kind: 'workday', name: '调休', note: 'x' },
      'holiday',
    ],
  },
  completion: {
    good: [
      { outcome: 'approve', opinion: '同意' },
      { outcome: 'correction', opinion: '请补正', reasons: ['缺少营业执照'] },
      { outcome: 'not_accepted', opinion: '不予受理', reasons: ['不属于本机关职权范围', '申请事项依法不需要取得行政许可'] },
    ],
    bad: [
      {},
      { outcome: 'approve', opinion: '' },
      { outcome: 'maybe', opinion: '再看看' },
      { outcome: 'not_accepted', opinion: '不予受理' },
      { outcome: 'not_accepted', opinion: '不予受理', reasons: [] },
      { outcome: 'correction', opinion: '补正', reasons: ['  '] },
      { outcome: 'approve', opinion: RARE.repeat(2001) },
    ],
  },
  caseReason: {
    good: [{ reason: '申请人要求撤回' }, { reason: RARE.repeat(500) }],
    bad: [{}, { reason: '' }, { reason: '  \n ' }, { reason: RARE.repeat(501) }, { reason: 7 }, { reason: '撤回', note: 'x' }],
  },
  urge: {
    good: [{}, { note: '已等待两周' }],
    bad: [{ note: '' }, { note: '   ' }, { note: 'x'.repeat(201) }, { note: '催', extra: 1 }],
  },
  handOver: {
    good: [{ to: 'reviewer4', reason: '请假' }],
    bad: [{}, { to: '', reason: '请假' }, { to: 'reviewer4', reason: ' ' }, { to: 'x'.repeat(65), reason: '请假' }, { to: ['reviewer4'], reason: '请假' }],
  },
  copy: {
    good: [{ to: ['leader'] }, { to: ['leader', 'reviewer4'], note: '请知悉' }],
    bad: [{}, { to: [] }, { to: [''] }, { to: Array.from({ length: 21 }, (_, n) => `u${n}`) }, { to: ['leader'], note: '' }, { to: 'leader' }],
  },
  resolve: {
    good: [{ opinion: '同意' }, { opinion: RARE.repeat(2000) }],
    bad: [{}, { opinion: '' }, { opinion: '   ' }, { opinion: RARE.repeat(2001) }],
  },
  suspend: {
    good: [
      { procedure: 'hearing', reason: '申请人要求听证' },
      { procedure: 'expert_review', reason: '专家评审' },
    ],
    bad: [{}, { procedure: 'holiday', reason: '休假' }, { procedure: 'hearing', reason: '' }, { procedure: 'hearing' }, { reason: '听证' }],
  },
  newRegion: {
    good: [
      { code: '430105', nameZh: '开福区', nameEn: 'Kaifu District', parentCode: '430100' },
      { code: '430104007', nameZh: '望月湖街道', nameEn: 'Wangyuehu Street', parentCode: '430104' },
      { code: '430104003002', nameZh: '新社区', nameEn: 'New Community', parentCode: '430104003' },
      { code: '430200', nameZh: '株洲市', nameEn: 'Zhuzhou', parentCode: null },
    ],
    bad: [
      {},
      { code: '4301', nameZh: '', nameEn: ' ' },
      { code: '430104003', nameZh: '错位街道', nameEn: 'Misplaced', parentCode: '430100' },
      { code: '430204', nameZh: '外市区', nameEn: 'Elsewhere', parentCode: '430100' },
      { code: '430104099', nameZh: '孤街道', nameEn: 'Orphan' },
      { code: '430104', nameZh: '岳麓区', nameEn: 'Yuelu', parentCode: '430104' },
      { code: '430105', nameZh: RARE.repeat(101), nameEn: 'Kaifu', parentCode: '430100' },
      { code: '430105', nameZh: '开福区', nameEn: 'Kaifu', parentCode: '430100', level: 'district' },
    ],
  },
  regionChange: {
    good: [{ nameZh: '岳麓新区' }, { nameEn: 'Yuelu' }, { active: false }, { nameZh: '岳麓区', nameEn: 'Yuelu District', active: true }],
    bad: [{}, { nameZh: '   ' }, { active: 'no' }, { code: '430104' }, { nameEn: RARE.repeat(101) }],
  },
  newRegionDepartment: {
    good: [
      { regionCode: '430104', departmentCode: 'samr', nameZh: '岳麓区市场监督管理局', nameEn: 'Yuelu SAMR' },
      {
        regionCode: '430104',
        departmentCode: 'fire',
        nameZh: '岳麓区消防救援大队',
        nameEn: 'Yuelu Fire',
        parentId: 3,
        creditCode: '91430100MA4L1A2B3F',
        address: '岳麓区麓山南路 1 号',
        phone: '0731-88888888',
        active: true,
      },
      { regionCode: '430104003', departmentCode: 'center', nameZh: '岳麓街道便民服务中心', nameEn: 'Yuelu Street Centre', creditCode: null, phone: null },
    ],
    bad: [
      {},
      { regionCode: '4301', departmentCode: '', nameZh: '', nameEn: 'x' },
      { regionCode: '430104', departmentCode: 'samr', nameZh: '岳麓区市场监督管理局', nameEn: 'Yuelu SAMR', creditCode: '91430100MA4L1A2B3X' },
      { regionCode: '430104', departmentCode: 'samr', nameZh: '岳麓区市场监督管理局', nameEn: 'Yuelu SAMR', phone: '电话' },
      { regionCode: '430104', departmentCode: 'samr', nameZh: '岳麓区市场监督管理局', nameEn: 'Yuelu SAMR', parentId: 0 },
      { regionCode: '430104', departmentCode: 'samr', nameZh: '岳麓区市场监督管理局', nameEn: 'Yuelu SAMR', address: RARE.repeat(201) },
      { regionCode: '430104', departmentCode: 'samr', nameZh: '岳麓区市场监督管理局', nameEn: 'Yuelu SAMR', head: '张三' },
    ],
  },
  regionDepartmentChange: {
    good: [{ nameZh: '岳麓区市场监管局' }, { active: false }, { creditCode: null, address: null, phone: null, parentId: null }],
    bad: [{}, { regionCode: '430104' }, { creditCode: '123' }, { phone: '1234' }, { active: 1 }],
  },
  newHall: {
    good: [
      { regionCode: '430104', nameZh: '岳麓区政务服务中心', nameEn: 'Yuelu Service Centre', address: '岳麓区金星中路 1 号' },
      {
        regionCode: '430104003001',
        nameZh: '桃花岭社区便民服务站',
        nameEn: 'Taohualing Station',
        address: '桃花岭社区',
        phone: '(0731) 8888-8888',
        hours: '周一至周五 9:00–17:00',
        active: false,
      },
    ],
    bad: [
      {},
      { regionCode: '430104', nameZh: '大厅', nameEn: 'Hall', address: '   ' },
      { regionCode: '43010', nameZh: '大厅', nameEn: 'Hall', address: '金星中路' },
      { regionCode: '430104', nameZh: '大厅', nameEn: 'Hall', address: '金星中路', hours: RARE.repeat(101) },
      { regionCode: '430104', nameZh: '大厅', nameEn: 'Hall', address: '金星中路', phone: 'call me' },
      { regionCode: '430104', nameZh: '大厅', nameEn: 'Hall', address: '金星中路', windows: [] },
    ],
  },
  hallChange: {
    good: [{ nameZh: '岳麓区市民之家' }, { hours: null, phone: null }, { active: false }],
    bad: [{}, { regionCode: '430104' }, { address: '' }, { active: 'yes' }],
  },
  hallWindow: {
    good: [
      { number: 'A01', kind: 'general' },
      { number: '12', kind: 'special', departmentCode: 'samr', active: true },
      { number: 'G-1', kind: 'green', departmentCode: null, active: false },
    ],
    bad: [
      {},
      { number: '', kind: 'vip' },
      { number: 'A 01', kind: 'general' },
      { number: 'A01', kind: 'special' },
      { number: 'A01', kind: 'special', departmentCode: null },
      { number: 'A01', kind: 'general', departmentCode: 'samr' },
      { number: 'x'.repeat(17), kind: 'green' },
      { number: 'A01', kind: 'general', hallId: 1 },
    ],
  },
  incidentRetry: {
    good: [{}, { retries: 1 }, { retries: 3, variables: { notice: 'approved', paymentRequired: false, itemCount: 2 } }, { variables: {} }],
    bad: [
      { retries: 0 },
      { retries: 11 },
      { retries: 1.5 },
      { variables: { applicantName: '张三' } },
      { variables: { notice: { value: 'approved' } } },
      { variables: { notice: 'x'.repeat(501) } },
      { variables: 'notice=approved' },
      { retries: 1, extra: true },
    ],
  },
  incidentBatchRetry: {
    good: [{ ids: ['a1b2c3'] }, { ids: ['a1b2c3', '42'], retries: 2 }],
    bad: [
      {},
      { ids: [] },
      { ids: ['a1', 'a1'] },
      { ids: ['../x'] },
      { ids: [''] },
      { ids: Array.from({ length: 101 }, (_, n) => `i${n}`) },
      { ids: ['a1'], retries: 0 },
    ],
  },
  caseMove: {
    good: [
      { activityId: 'review', reason: '重新审核' },
      { activityId: 'decision', reason: '审核已线下完成', cancel: ['review'] },
    ],
    bad: [
      {},
      { activityId: '', reason: '重新审核' },
      { activityId: 'review x', reason: '重新审核' },
      { activityId: 'review', reason: ' ' },
      { activityId: 'review', reason: '审' },
      { activityId: 'review' },
      { activityId: 'review', reason: '重新审核', cancel: ['a b'] },
      { activityId: 'review', reason: '重新审核', cancel: 'review' },
    ],
  },
  caseCancel: {
    good: [{ reason: '申请人已另行办理' }, { reason: RARE.repeat(500) }],
    bad: [{}, { reason: '' }, { reason: '   ' }, { reason: RARE.repeat(501) }, { reason: '终止', note: 'x' }],
  },
  createDraft: {
    good: [
      { processKey: 'item_test', name: '测试流程', xml: '<definitions/>' },
      { processKey: 'item_copy', name: '副本', from: 'item_standard' },
    ],
    bad: [
      {},
      { processKey: '1item', name: '测试' },
      { processKey: 'item test', name: '' },
      { processKey: 'item_test', name: '   ', xml: '' },
      { processKey: `k${'x'.repeat(255)}`, name: 'x'.repeat(201) },
      { processKey: 'item_test', name: '测试', from: '' },
      { processKey: 'item_test', name: '测试', extra: true },
    ],
  },
};

describe('form checks: a page refuses what the server refuses, in the same words (contract/requests/)', () => {
  const file = join(REPO_ROOT, '.tmp', `request-checks-${process.pid}.mjs`);
  let webCheck: ReturnType<typeof requestChecker>;

  before(async () => {
    // what the Vite build serves as `virtual:request-checks` (modeler/vite.config.ts)
    const schemas = Object.fromEntries(Object.entries(FORM_REQUESTS).map(([name, request]) => [name, request.schema]));
    mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
    writeFileSync(file, standaloneValidators(schemas));
    const compiled = ((await import(pathToFileURL(file).href)) as { default: Record<string, CompiledSchema> }).default;
    webCheck = requestChecker(compiled);
  });
  after(() => rmSync(file, { force: true }));

  it('every request a page checks is covered here', () => {
    expect(Object.keys(BODIES).sort()).to.deep.equal(Object.keys(FORM_REQUESTS).sort());
  });

  for (const name of Object.keys(FORM_REQUESTS) as FormRequestName[]) {
    it(`${name}: the same problems at the same fields, in zh-CN and en; none for a good body`, () => {
      for (const body of BODIES[name].good) {
        expect(SERVER[name](body), `the server on ${JSON.stringify(body)}`).to.deep.equal([]);
        expect(webCheck(name, body), `the page on ${JSON.stringify(body)}`).to.deep.equal([]);
      }
      for (const body of BODIES[name].bad) {
        const server = SERVER[name](body);
        expect(server, `the server refuses ${JSON.stringify(body)}`).not.to.deep.equal([]);
        const web = webCheck(name, body);
        for (const locale of ['zh-CN', 'en'] as const) {
          expect(
            web.map((p) => inLocale(p, locale)),
            `${locale}: ${JSON.stringify(body)}`,
          ).to.deep.equal(server.map((p) => inLocale(p, locale)));
        }
      }
    });
  }

  it('says a text of the wrong shape in words, not as the regular expression (contract/validation/pattern-hint.ts)', () => {
    const problems = webCheck('publicLookup', { caseNo: '4301#', phone: '' });
    expect(problems.map((p) => inLocale(p, 'zh-CN').message)).to.deep.equal(['办件编号：只能包含数字、字母、空格和短横线', '手机号：不能为空']);
    expect(problems.map((p) => inLocale(p, 'en').message)).to.deep.equal([
      'Case number: may hold only digits, letters, spaces and dashes',
      'Phone number: must not be empty',
    ]);
    const [username] = webCheck('registration', { ...newcomer, username: 'Zhang' });
    expect(username?.message['zh-CN']).to.equal('用户名：应为 3 至 64 个字符：以小写字母开头，只含小写字母、数字和 . _ -');
  });

  it('says it in words a person reads: the field, then what is wrong with it', () => {
    const [phone] = webCheck('deliveryChoice', { method: 'logistics', recipient: { ...recipient, phone: '12345' } });
    expect(phone).to.deep.include({
      field: 'recipient.phone',
      label: '收件人手机号码',
      message: { 'zh-CN': '收件人手机号码：不是有效的手机号码', en: "Recipient's mobile phone: is not a valid mobile phone number" },
    });
  });
});
