import { Op, QueryTypes } from 'sequelize';
import type { Principal } from '../auth/index.ts';
import { Delivery, type DeliveryStatus } from './delivery.model.ts';
import type { Locale } from '../i18n/locale.ts';
import { casesByIds } from '../cases/index.ts';
import { latestItems, latestBundles } from '../catalog/index.ts';
import { assertValid } from '../validation/ajv.ts';
import { pageQuery } from '../validation/page-query.ts';
import { maskPersonal } from '../../contract/catalog/personal.ts';
import { priorityOf } from '../../contract/priority.ts';
import { DELIVERY_METHOD_LABELS, DELIVERY_STATUS_LABELS } from './delivery-view.ts';

export const pickupQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: {
      type: 'string',
      minLength: 1,
      maxLength: 40,
      title: '办件编码或申请人',
      'x-title-en': 'Case number or applicant',
      description: "part of the case number, or of the applicant's name",
    },
    // read by pageQuery: 1–100 (20 by default) and from 0
    limit: { type: 'string', title: '每页条数', 'x-title-en': 'Page size' },
    offset: { type: 'string', title: '起始位置', 'x-title-en': 'Offset' },
  },
} as const;

/** A delivery still to be handed over (a pickup, or a parcel the carrier returned): every status but delivered. */
const WAITING: DeliveryStatus[] = ['preparing', 'in_transit', 'returned'];

/**
 * The hall's waiting deliveries, one page of them, in the queue's order, and how many there are:
 * the region and the search are part of the query (index deliveries_pickup_waiting finds the
 * waiting ones, the cases are joined by their key), so a hall finds its own however many wait
 * in the city.
 */
async function waitingAtHall(regionCode: string, q: string | undefined, limit: number, offset: number): Promise<{ ids: number[]; total: number }> {
  const sequelize = Delivery.sequelize!;
  const replacements: Record<string, unknown> = { waiting: WAITING, region: regionCode, limit, offset };
  let where = `d.status IN (:waiting) AND d.pickup_code IS NOT NULL
    AND (c.received_region_code = :region OR (c.received_region_code IS NULL AND c.region_code = :region))`;
  if (q) {
    // the search's own % and _ are plain characters
    replacements.q = `%${q.replace(/[!%_]/g, '!$&')}%`;
    where += ` AND (LOWER(c.case_no) LIKE :q ESCAPE '!' OR LOWER(c.applicant_name) LIKE :q ESCAPE '!')`;
  }
  const from = `FROM deliveries d JOIN cases c ON c.id = d.case_id WHERE ${where}`;
  const [rows, [count]] = await Promise.all([
    sequelize.query<{ id: number }>(
      `SELECT d.id AS id ${from} ORDER BY CASE WHEN c.priority_reason IS NULL THEN 1 ELSE 0 END, d.created_at, d.id LIMIT :limit OFFSET :offset`,
      { replacements, type: QueryTypes.SELECT },
    ),
    sequelize.query<{ total: number | string }>(`SELECT COUNT(*) AS total ${from}`, { replacements, type: QueryTypes.SELECT }),
  ]);
  return { ids: rows.map((r) => Number(r.id)), total: Number(count?.total ?? 0) };
}

/**
 * 统一出件 / 窗口领取: the results waiting for pickup at the caller's hall (the windows of their
 * region): a delivery with a pickup code not yet handed over, of a case received in the region
 * (where it was handled, when it records no other). 绿色通道 first, then the longest waiting.
 * The code is never shown: the person at the window says it.
 */
export async function pickupQueue(principal: Principal, query: unknown, locale: Locale) {
  assertValid<{ q?: string; limit?: string; offset?: string }>(pickupQuerySchema, query);
  const { limit, offset } = pageQuery(query as Record<string, unknown>);
  const q = (query as { q?: string }).q?.trim().toLowerCase();
  const { ids, total } = principal.regionCode ? await waitingAtHall(principal.regionCode, q, limit, offset) : { ids: [], total: 0 };
  const found = new Map((ids.length ? await Delivery.findAll({ where: { id: { [Op.in]: ids } } }) : []).map((d) => [d.id, d]));
  const waiting = ids.flatMap((id) => found.get(id) ?? []);
  const cases = new Map((waiting.length ? await casesByIds(waiting.map((d) => d.caseId)) : []).map((c) => [c.id, c]));
  const [items, bundles] = await Promise.all([latestItems(), latestBundles()]);
  const names = new Map<string, string>([
    ...items.map((i) => [i.code, locale === 'en' ? i.definition.nameEn : i.name] as const),
    ...bundles.map((b) => [b.code, locale === 'en' ? b.definition.nameEn : b.definition.name] as const),
  ]);
  const rows = waiting.flatMap((d) => {
    const c = cases.get(d.caseId);
    if (!c) return [];
    return [
      {
        caseNo: c.caseNo,
        itemName: names.get(c.itemCode) ?? c.itemCode,
        applicantName: c.applicantName,
        applicantIdNo: maskPersonal('id-number', c.applicantIdNo),
        agentName: c.agent?.name ?? null,
        priority: priorityOf(c.priorityReason, locale),
        method: d.method,
        methodLabel: DELIVERY_METHOD_LABELS[d.method][locale],
        status: d.status,
        statusLabel: DELIVERY_STATUS_LABELS[d.status][locale],
        documents: d.documents.length,
        waitingSince: d.createdAt.toISOString(),
      },
    ];
  });
  return { pickups: rows, total, limit, offset };
}
