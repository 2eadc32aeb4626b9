import type { Principal } from '../auth/index.ts';
import { Delivery } from './delivery.model.ts';
import type { DeliveryMethod, DeliveryStatus, Recipient } from './delivery.model.ts';
import { notFound } from '../errors/app-error.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import { caseById, caseByNo, isApplicantOf, mayView } from '../cases/index.ts';
import { methodOf } from './delivery-choice.ts';
import { describeDocument, readableDocuments } from './result-documents.ts';
import { maskPersonal } from '../../contract/catalog/personal.ts';
import { catalogNames } from '../catalog/index.ts';
import { deliveryEventLabel, isCarrierEvent } from '../../contract/delivery-events.ts';

export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, Localized> = {
  logistics: { 'zh-CN': '快递寄送', en: 'By courier' },
  pickup: { 'zh-CN': '窗口领取', en: 'Pickup at the window' },
  electronic: { 'zh-CN': '电子送达', en: 'Electronic' },
};

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, Localized> = {
  preparing: { 'zh-CN': '待出件', en: 'Being prepared' },
  in_transit: { 'zh-CN': '运输中', en: 'In transit' },
  delivered: { 'zh-CN': '已送达', en: 'Delivered' },
  returned: { 'zh-CN': '已退回，请到窗口领取', en: 'Returned; collect at the window' },
};

/** 个人信息: the phone masked for everyone, the address for all but the applicant (whose own it is). */
export const maskRecipient = (r: Recipient, ownAddress: boolean): Recipient => ({
  name: r.name,
  phone: maskPersonal('phone', r.phone),
  address: ownAddress ? r.address : maskPersonal('address', r.address),
});

/**
 * GET /cases/{caseNo}/delivery: how the results reach the applicant. An item case of a bundle
 * shows its bundle's delivery (统一出件). Only the applicant sees the pickup code and the whole
 * address; staff see that a code was issued.
 */
export async function deliveryView(principal: Principal, caseNo: string, locale: Locale) {
  const c = await caseByNo(caseNo);
  if (!c || !(await mayView(principal, c))) throw notFound('case_not_found');
  const deliveryCase = c.parentCaseId ? (await caseById(c.parentCaseId))! : c;
  const delivery = await Delivery.findOne({ where: { caseId: deliveryCase.id } });
  // the applicant: who submitted it, or the person a window clerk (or an agent) took it for
  const isApplicant = await isApplicantOf(principal, c);
  const { documents, together } = await readableDocuments(principal, c);
  const name = await catalogNames(locale);
  const method = delivery?.method ?? methodOf(deliveryCase);
  const recipient = delivery ? delivery.recipient : (deliveryCase.deliveryChoice?.recipient ?? null);
  return {
    caseNo: c.caseNo,
    deliveredWith: c.parentCaseId ? deliveryCase.caseNo : null,
    method,
    methodLabel: DELIVERY_METHOD_LABELS[method][locale],
    chosen: Boolean(deliveryCase.deliveryChoice),
    started: Boolean(delivery),
    status: delivery?.status ?? null,
    statusLabel: delivery ? DELIVERY_STATUS_LABELS[delivery.status][locale] : null,
    recipient: recipient ? maskRecipient(recipient, isApplicant) : null,
    shipmentNo: delivery?.shipmentNo ?? null,
    waybillNo: delivery?.waybillNo ?? null,
    // the event in the caller's language by its code; the note as the carrier (or the platform) wrote it
    tracking: (delivery?.events ?? []).map(({ event, at, note }) => ({
      event,
      label: deliveryEventLabel(event, locale),
      at,
      note: note ?? null,
      byCarrier: isCarrierEvent(event),
    })),
    pickup: delivery?.pickupCode ? { atWindow: delivery.status !== 'delivered', code: isApplicant ? delivery.pickupCode : null } : null,
    deliveredAt: delivery?.deliveredAt?.toISOString() ?? null,
    handedOverBy: delivery?.handedOverBy ?? null,
    documents: documents.map((d) => describeDocument(c.caseNo, d, together, name, locale)),
  };
}
