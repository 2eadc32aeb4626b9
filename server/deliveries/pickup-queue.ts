import { Op } from 'sequelize';
import type { Principal } from '../auth/index.ts';
import { Delivery } from './delivery.model.ts';
import type { Locale } from '../i18n/locale.ts';
import { casesByIds } from '../cases/index.ts';
import { latestItems, latestBundles } from '../catalog/index.ts';
import { assertValid } from '../validation/ajv.ts';
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
  },
} as const;

/** Results waiting at windows are few (each is handed over within days): read them all, then keep the hall's. */
const WAITING_AT_MOST = 1000;

/**
 * 统一出件 / 窗口领取: the results waiting for pickup at the caller's hall (the windows of their
 * region): a delivery with a pickup code not yet handed over, of a case received in the region
 * (where it was handled, when it records no other). 绿色通道 first, then the longest waiting.
 * The code is never shown: the person at the window says it.
 */
export async function pickupQueue(principal: Principal, query: unknown, locale: Locale) {
  assertValid<{ q?: string }>(pickupQuerySchema, query);
  const q = (query as { q?: string }).q?.trim().toLowerCase();
  const waiting = await Delivery.findAll({
    where: { pickupCode: { [Op.ne]: null }, status: { [Op.ne]: 'delivered' } },
    order: [['id', 'ASC']],
    limit: WAITING_AT_MOST,
  });
  const cases = new Map((await casesByIds(waiting.map((d) => d.caseId))).map((c) => [c.id, c]));
  const [items, bundles] = await Promise.all([latestItems(), latestBundles()]);
  const names = new Map<string, string>([
    ...items.map((i) => [i.code, locale === 'en' ? i.definition.nameEn : i.name] as const),
    ...bundles.map((b) => [b.code, locale === 'en' ? b.definition.nameEn : b.definition.name] as const),
  ]);
  const rows = waiting.flatMap((d) => {
    const c = cases.get(d.caseId);
    if (!c || (c.receivedRegionCode ?? c.regionCode) !== principal.regionCode) return [];
    if (q && !c.caseNo.toLowerCase().includes(q) && !c.applicantName.toLowerCase().includes(q)) return [];
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
  rows.sort((a, b) => Number(Boolean(b.priority)) - Number(Boolean(a.priority)) || a.waitingSince.localeCompare(b.waitingSince));
  return { pickups: rows };
}
