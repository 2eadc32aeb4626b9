/**
 * 办件查询 without signing in: anyone holding a case number (办件编号) and the applicant's phone sees
 * where the case stands, and nothing about the person or the content of the application. The
 * request's schema is the contract's (contract/requests/public-lookup.ts), which the page checks with too.
 */

import { createHash, timingSafeEqual } from 'node:crypto';
import { rateLimit } from 'express-rate-limit';
import type { AppContext } from '../context.ts';
import { Case } from './case.model.ts';
import { TimelineEvent } from './timeline-event.model.ts';
import { AppError } from '../errors/app-error.ts';
import { negotiateLocale, type Locale, type Localized } from '../i18n/locale.ts';
import { assertValid } from '../validation/ajv.ts';
import { itemVersion } from '../catalog/index.ts';
import { bundleVersion } from '../catalog/index.ts';
import { calendarFor, deadlineColour, type DeadlineColour } from '../calendar/index.ts';
import { CASE_STATUSES, FINAL_STATUSES, type CaseStatus } from './case-status.ts';
import { timelineLabel, type TimelineType } from './timeline.ts';
import { trackCase } from './tracking.service.ts';
import { INCIDENT_LABELS, mask } from './case-view.ts';
import type { CaseViewSources } from './case-view-sources.ts';
import { PUBLIC } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { always, instant, nullable } from '../openapi/helpers.ts';
import { publicLookupSchema, type PublicLookup } from '../../contract/requests/public-lookup.ts';

/** The phone as stored: spaces, dashes and brackets dropped, and the country code (+86, 0086, 86) before a mobile number. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s()-]/g, '');
  return digits.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Compares in time independent of where the two differ (equal-length digests). */
function samePhone(given: string, stored: string): boolean {
  return timingSafeEqual(digest(given), digest(stored));
}

/** What an applicant reads on the timeline; steps staff take among themselves (签收, 转办, 加签 …) stay inside. */
const PUBLIC_EVENTS: ReadonlySet<TimelineType> = new Set<TimelineType>([
  'case.submitted',
  'acceptance.accepted',
  'acceptance.not_accepted',
  'acceptance.review_requested',
  'acceptance.correction',
  'case.resubmitted',
  'case.materials_supplied',
  'case.terminated',
  'bundle.decided',
  'case.suspended',
  'case.resumed',
  'case.withdrawn',
  'task.completed',
  'case.approved',
  'case.refused',
  'payment.ordered',
  'payment.received',
  'payment.refunded',
  'payment.expired',
  'result.sealed',
  'e_license.issued',
  'delivery.started',
  'delivery.event',
  'delivery.delivered',
]);

const COLOUR_LABELS: Record<DeadlineColour, Localized> = {
  green: { 'zh-CN': '正常', en: 'On time' },
  yellow: { 'zh-CN': '临期预警', en: 'Due soon' },
  red: { 'zh-CN': '已超期', en: 'Overdue' },
};

/** 张三 → 张*; a one-character name is starred whole. */
const maskName = (name: string) => (name.length > 1 ? mask(name, 1, 0) : '*');

async function nameOf(c: Case, locale: Locale): Promise<string> {
  if (c.kind === 'bundle') {
    const bundle = await bundleVersion(c.itemCode, c.itemVersion);
    return bundle ? (locale === 'en' ? bundle.definition.nameEn : bundle.definition.name) : c.itemCode;
  }
  const item = await itemVersion(c.itemCode, c.itemVersion);
  return item ? (locale === 'en' ? item.definition.nameEn : item.name) : c.itemCode;
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** The open steps in words, without who holds them; an item case of a bundle may know its instance only through the bundle. */
async function openSteps(ctx: AppContext, c: Case, parent: Case | null) {
  const tracked = c.processInstanceId ? await trackCase(ctx, c) : parent ? await trackCase(ctx, parent) : null;
  const position = (tracked?.position ?? []).filter((p) => c.processInstanceId || p.caseNo === c.caseNo);
  return position.filter((p) => p.name).map((p) => ({ caseNo: p.caseNo, step: p.name!, since: p.since }));
}

/** 运维监控's view of an open incident holding a case up (server/operations), handed in by server/app.ts. */
export type IncidentOf = CaseViewSources['incidentOf'];

/**
 * The case whose number and applicant's phone were given, in its limited public view; an unknown
 * number and a wrong phone are the same 404, so numbers cannot be probed. While a failed step holds
 * the case up (an open incident), it reads as the applicant's own page says it: staff are on it
 * (办理中，工作人员处理中), with nothing of the error.
 */
export async function publicCaseStatus(ctx: AppContext, request: PublicLookup, locale: Locale, incidentOf: IncidentOf) {
  const caseNo = request.caseNo.replace(/\s+/g, '');
  const row = await Case.findOne({ where: { caseNo } });
  // compared even without a case, so that an unknown number costs the same as a wrong phone
  const matches = samePhone(normalisePhone(request.phone), row ? normalisePhone(row.applicantPhone) : '\u0000');
  if (!row || !matches) throw new AppError(404, 'case_lookup_failed');

  const final = FINAL_STATUSES.includes(row.status);
  const [parent, children, events, calendar, incident] = await Promise.all([
    row.parentCaseId ? Case.findByPk(row.parentCaseId) : null,
    row.kind === 'bundle' ? Case.findAll({ where: { parentCaseId: row.id }, order: [['caseNo', 'ASC']] }) : [],
    TimelineEvent.findAll({ where: { caseId: row.id }, order: [['id', 'ASC']] }),
    calendarFor(ctx.config.regionCode),
    final ? null : incidentOf(ctx, row),
  ]);
  // the clock stands still in a special procedure (Art. 45): no colour then, as in the case view
  const colour =
    row.acceptedAt && row.promisedDueAt && !final && !row.suspendedAt
      ? deadlineColour(calendar, row.acceptedAt, row.promisedDueAt, new Date(), ctx.config.deadlineWarningShare)
      : null;
  return {
    caseNo: row.caseNo,
    kind: row.kind,
    name: await nameOf(row, locale),
    applicantName: maskName(row.applicantName),
    status: row.status,
    // an open incident: that staff are on it, in the words of the applicant's own page (never the error)
    statusLabel: incident ? INCIDENT_LABELS.applicant[locale] : CASE_STATUSES[row.status][locale],
    final,
    decision: row.decision ?? null,
    decisionLabel: row.decision ? CASE_STATUSES[row.decision as CaseStatus][locale] : null,
    submittedAt: row.createdAt.toISOString(),
    acceptedAt: iso(row.acceptedAt),
    promisedDueAt: iso(row.promisedDueAt),
    finishedAt: iso(row.finishedAt),
    deadline:
      row.acceptedAt && row.promisedDueAt ? { colour, colourLabel: colour ? COLOUR_LABELS[colour][locale] : null, suspended: Boolean(row.suspendedAt) } : null,
    bundle: parent ? { caseNo: parent.caseNo, name: await nameOf(parent, locale) } : null,
    items: await Promise.all(
      children.map(async (child) => ({
        caseNo: child.caseNo,
        name: await nameOf(child, locale),
        status: child.status,
        statusLabel: CASE_STATUSES[child.status][locale],
        promisedDueAt: iso(child.promisedDueAt),
      })),
    ),
    position: final ? [] : await openSteps(ctx, row, parent),
    timeline: events
      .filter((e) => PUBLIC_EVENTS.has(e.type as TimelineType))
      .map((e) => ({
        at: e.createdAt.toISOString(),
        type: e.type,
        label: timelineLabel(e, locale),
        // the step's name only: never who did it, their opinion or the documents
        ...(e.type === 'task.completed' && typeof e.detail?.task === 'string' ? { step: e.detail.task } : {}),
      })),
  };
}

/** POST /public/case-status: anonymous, before authentication; limited per address. */
export function publicLookupRoutes(ctx: AppContext, incidentOf: IncidentOf): RouteTable {
  const routes = new RouteTable(ctx);
  const limiter = rateLimit({
    windowMs: 10 * 60_000,
    limit: ctx.config.publicLookupLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited')),
  });
  routes.post('/public/case-status', PUBLIC, limiter, async (req, res) => {
    assertValid<PublicLookup>(publicLookupSchema, req.body);
    res.set('Cache-Control', 'no-store');
    res.json(await publicCaseStatus(ctx, req.body as PublicLookup, negotiateLocale(req.headers['accept-language']), incidentOf));
  });
  return routes;
}

/** Its OpenAPI paths. */
export function publicLookupPaths(clean: (schema: unknown) => unknown) {
  const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  const text = { type: 'string' };
  const when = nullable('date-time');
  const status = { $ref: '#/components/schemas/CaseStatus' };
  return {
    '/public/case-status': {
      post: {
        summary:
          "办件查询 without signing in: the case whose number and applicant's phone (spaces, dashes and +86 allowed) are given, in a limited view: status, times, deadline colour, open steps and timeline events in words, a bundle's items; the applicant's name masked; no ID numbers, phones, form data, materials, opinions or staff names. Limited per address (PUBLIC_LOOKUP_LIMIT in 10 minutes)",
        requestBody: { required: true, content: { 'application/json': { schema: clean(publicLookupSchema) } } },
        responses: {
          200: {
            description: 'the case',
            content: {
              'application/json': {
                schema: always({
                  caseNo: text,
                  kind: { enum: ['item', 'bundle'] },
                  name: text,
                  applicantName: { type: 'string', description: 'masked: 张*' },
                  status,
                  statusLabel: {
                    type: 'string',
                    description:
                      "the status in words; while a failed step holds the case up, that staff are on it (办理中，工作人员处理中), as the applicant's own page says",
                  },
                  final: { type: 'boolean' },
                  decision: { enum: ['approved', 'refused', 'partially_approved', null] },
                  decisionLabel: { type: ['string', 'null'] },
                  submittedAt: instant,
                  acceptedAt: when,
                  promisedDueAt: when,
                  finishedAt: when,
                  deadline: {
                    ...always({
                      colour: { enum: ['green', 'yellow', 'red', null] },
                      colourLabel: { type: ['string', 'null'] },
                      suspended: { type: 'boolean' },
                    }),
                    type: ['object', 'null'],
                    description: 'null until the case is accepted with a promised date',
                  },
                  bundle: { ...always({ caseNo: text, name: text }), type: ['object', 'null'], description: 'the bundle an item case belongs to' },
                  items: {
                    type: 'array',
                    description: "a bundle's item cases (none for an item case)",
                    items: always({ caseNo: text, name: text, status, statusLabel: text, promisedDueAt: when }),
                  },
                  position: {
                    type: 'array',
                    description: 'the open steps (none once final)',
                    items: always({ caseNo: text, step: text, since: { type: 'string', description: "the step's start, as the engine writes it" } }),
                  },
                  timeline: {
                    type: 'array',
                    items: always(
                      { at: instant, type: text, label: text, step: { type: 'string', description: 'the completed step (task.completed only)' } },
                      'step',
                    ),
                  },
                }),
              },
            },
          },
          404: error('no case with this number and phone (the same answer for either being wrong)'),
          422: error('a missing or malformed case number or phone'),
          429: error('too many lookups from this address'),
        },
      },
    },
  };
}
