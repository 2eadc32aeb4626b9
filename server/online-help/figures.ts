import { Op } from 'sequelize';
import { hasRole, type Principal } from '../auth/index.ts';
import { shanghaiDay } from '../calendar/index.ts';
import { AppError, fieldProblem, validationFailed } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { REGION_CODE_PATTERN, isWithinRegion } from '../../contract/regions.ts';
import { SUPERVISING_DEPARTMENT } from '../../contract/roles.ts';
import { HELP_RESPONSE_MINUTES } from '../../contract/requests/online-help.ts';
import { regionByCode } from '../organization/index.ts';
import type { Locale } from '../i18n/locale.ts';
import { HelpRequest } from './online-help.model.ts';
import { HELP_DEPARTMENT } from './help-access.ts';

const DAY = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

export const figuresQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', pattern: DAY, title: '开始日期', 'x-title-en': 'From' },
    to: { type: 'string', pattern: DAY, title: '结束日期', 'x-title-en': 'To' },
    region: { type: 'string', pattern: REGION_CODE_PATTERN, title: '区划', 'x-title-en': 'Region' },
    withinMinutes: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|1[0-1][0-9]|120)$', title: '响应时限（分钟）', 'x-title-en': 'Response limit (minutes)' },
  },
} as const;

interface FiguresQuery {
  from?: string;
  to?: string;
  region?: string;
  withinMinutes?: string;
}

/** The figures of 线上帮办 over a period (seed 003: 帮办代办 响应率、解决率、满意度). */
export interface OnlineHelpFigures {
  from: string;
  to: string;
  /** the centre's region (its requests and those of the regions under it); null: every region */
  regionCode: string | null;
  withinMinutes: number;
  /** requests raised in the period */
  requests: number;
  /** of those, joined by a helper; and within withinMinutes of being raised */
  joined: number;
  joinedInTime: number;
  /** 响应率 = joinedInTime / requests */
  responseRate: number | null;
  /** the median time from request to join, in seconds, of the joined ones */
  medianResponseSeconds: number | null;
  closed: number;
  resolved: number;
  /** 解决率 = resolved / closed */
  resolutionRate: number | null;
  rated: number;
  /** the mean satisfaction (1–5) of the rated ones */
  satisfaction: number | null;
  /** 满意度 as a rate: rated 4 or 5 / rated */
  satisfiedRate: number | null;
}

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : null);

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * 帮办代办 响应率、解决率、满意度 of the centre of a region (its requests and those of the regions
 * under it; null: every region) over the requests raised from `from` to `to` (days in Asia/Shanghai,
 * both included). The indicators of supervision (issue 18's 帮办代办 figure) read this.
 */
export async function onlineHelpFigures(
  period: { from: string; to: string },
  regionCode: string | null,
  withinMinutes = HELP_RESPONSE_MINUTES,
): Promise<OnlineHelpFigures> {
  const start = new Date(`${period.from}T00:00:00+08:00`);
  const end = new Date(new Date(`${period.to}T00:00:00+08:00`).getTime() + 86_400_000);
  const rows = (
    await HelpRequest.findAll({
      attributes: ['regionCode', 'createdAt', 'joinedAt', 'status', 'resolved', 'rating'],
      where: { createdAt: { [Op.gte]: start, [Op.lt]: end } },
    })
  ).filter((r) => !regionCode || (r.regionCode !== null && isWithinRegion(r.regionCode, regionCode)));
  const waits = rows.filter((r) => r.joinedAt).map((r) => (r.joinedAt!.getTime() - r.createdAt.getTime()) / 1000);
  const closed = rows.filter((r) => r.status === 'closed');
  const rated = rows.filter((r) => r.rating !== null);
  const joinedInTime = waits.filter((s) => s <= withinMinutes * 60).length;
  const resolved = closed.filter((r) => r.resolved).length;
  const satisfied = rated.filter((r) => r.rating! >= 4).length;
  return {
    from: period.from,
    to: period.to,
    regionCode,
    withinMinutes,
    requests: rows.length,
    joined: waits.length,
    joinedInTime,
    responseRate: rate(joinedInTime, rows.length),
    medianResponseSeconds: median(waits),
    closed: closed.length,
    resolved,
    resolutionRate: rate(resolved, closed.length),
    rated: rated.length,
    satisfaction: rated.length ? Math.round((rated.reduce((sum, r) => sum + r.rating!, 0) / rated.length) * 100) / 100 : null,
    satisfiedRate: rate(satisfied, rated.length),
  };
}

const isRealDay = (day: string) => new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

/**
 * The figures as a person asks for them: the centre's clerks and leaders and the 数据局's leaders for
 * their region (or one under it), administrators for any; the last 30 days unless asked.
 */
export async function figuresFor(principal: Principal, query: unknown, locale: Locale): Promise<OnlineHelpFigures & { regionName: string | null }> {
  const admin = hasRole(principal, 'admin');
  const centre = principal.departmentCode === HELP_DEPARTMENT && hasRole(principal, 'clerk', 'leader');
  const supervisor = principal.departmentCode === SUPERVISING_DEPARTMENT && hasRole(principal, 'leader');
  if (!admin && !centre && !supervisor) throw new AppError(403, 'online_help_figures_forbidden');
  assertValid<FiguresQuery>(figuresQuerySchema, query, 'query');
  const q = query as FiguresQuery;
  for (const field of ['from', 'to'] as const)
    if (q[field] && !isRealDay(q[field]))
      throw validationFailed([
        fieldProblem(
          `query.${field}`,
          `${field === 'from' ? '开始日期' : '结束日期'}：${q[field]} 不是日历上的日期`,
          `${field}: ${q[field]} is not a calendar date`,
        ),
      ]);
  const to = q.to ?? shanghaiDay(new Date());
  const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  if (from > to) throw validationFailed([fieldProblem('query.from', '开始日期：不能晚于结束日期', 'from: must not be after to')]);
  const own = admin ? null : principal.regionCode;
  const region = q.region ?? own;
  if (region && own && !isWithinRegion(region, own))
    throw validationFailed([fieldProblem('query.region', `区划：${region} 不在您所在的区划内`, `region: ${region} is not within your region`)]);
  const named = region ? await regionByCode(region) : null;
  if (region && !named) throw validationFailed([fieldProblem('query.region', `区划：没有行政区划 ${region}`, `region: no region ${region}`)]);
  const figures = await onlineHelpFigures({ from, to }, region ?? null, q.withinMinutes ? Number(q.withinMinutes) : undefined);
  return { ...figures, regionName: named ? (locale === 'en' ? named.nameEn : named.nameZh) : null };
}
