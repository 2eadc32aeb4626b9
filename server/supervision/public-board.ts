import type { Sequelize } from 'sequelize';
import type { Locale } from '../../contract/locale.ts';
import { shanghaiDay } from '../calendar/index.ts';
import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { PUBLIC } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { indicators } from './indicators.service.ts';

/** The period the board covers: the last 365 days. */
const DAYS = 365;

export interface BoardRow {
  departmentCode: string;
  department: string;
  ratings: number;
  satisfied: number;
  /** 好评率 (null: no rating yet) */
  satisfaction: number | null;
  bad: number;
  rectified: number;
  rectifiedOnTime: number;
  /** 差评整改率 (null: no bad rating) */
  rectificationRate: number | null;
  /** by 好评率, 1 the best; departments without ratings have none */
  rank: number | null;
}

const rate = (n: number, d: number) => (d === 0 ? null : n / d);

/**
 * 好差评 结果全公开: each department's ratings of the last 365 days, as anyone may read them: counts
 * and rates only (no case, no applicant, no comment), ranked by 好评率. Summed from the read
 * model's counters (server/supervision), so it says what the dashboards say.
 */
export async function ratingsBoard(sequelize: Sequelize, locale: Locale, now = new Date()) {
  const to = shanghaiDay(now);
  const from = shanghaiDay(new Date(now.getTime() - (DAYS - 1) * 86_400_000));
  const figures = await indicators(sequelize, { from, to }, {}, 'department', locale);
  const rows: BoardRow[] = figures.groups
    .map((g) => {
      const c = g.counts;
      const ratings = c.ratings ?? 0;
      const bad = c.bad ?? 0;
      return {
        departmentCode: g.key,
        department: g.name,
        ratings,
        satisfied: c.satisfied ?? 0,
        satisfaction: rate(c.satisfied ?? 0, ratings),
        bad,
        rectified: c.bad_rectified ?? 0,
        rectifiedOnTime: c.bad_rectified_on_time ?? 0,
        rectificationRate: rate(c.bad_rectified ?? 0, bad),
        rank: null as number | null,
      };
    })
    .filter((r) => r.ratings > 0)
    .sort((a, b) => (b.satisfaction ?? 0) - (a.satisfaction ?? 0) || b.ratings - a.ratings || a.departmentCode.localeCompare(b.departmentCode));
  rows.forEach((r, i) => {
    // equal 好评率, equal rank
    const before = rows[i - 1];
    r.rank = before && before.satisfaction === r.satisfaction ? before.rank : i + 1;
  });
  const t = figures.totals.counts;
  return {
    period: { from, to },
    total: {
      ratings: t.ratings ?? 0,
      satisfaction: rate(t.satisfied ?? 0, t.ratings ?? 0),
      bad: t.bad ?? 0,
      rectificationRate: rate(t.bad_rectified ?? 0, t.bad ?? 0),
    },
    departments: rows,
    updatedAt: now.toISOString(),
  };
}

/**
 * GET /public/ratings-board: anonymous; the same board to everyone for `publicBoardFreshSeconds`
 * (a public page: many readers, counters that move slowly; anonymous requests never sum the counters
 * more often than that).
 */
export function publicBoardRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  const freshMs = ctx.config.publicBoardFreshSeconds * 1000;
  const cache = new Map<Locale, { at: number; board: Awaited<ReturnType<typeof ratingsBoard>> }>();
  routes.get('/public/ratings-board', PUBLIC, async (req, res) => {
    const locale = negotiateLocale(req.headers['accept-language']);
    const cached = cache.get(locale);
    const board = cached && Date.now() - cached.at < freshMs ? cached.board : await ratingsBoard(ctx.sequelize, locale);
    if (board !== cached?.board) cache.set(locale, { at: Date.now(), board });
    res.setHeader('Cache-Control', `public, max-age=${ctx.config.publicBoardFreshSeconds}`);
    // one board per language: a cache keeps each apart
    res.vary('Accept-Language');
    res.json(board);
  });
  return routes;
}
