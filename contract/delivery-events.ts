import type { Locale, Localized } from './locale.ts';

/**
 * 送达动态: the events of a delivery an applicant sees. A carrier reports its parcel's events by
 * code (server/gateways/logistics/carrier.ts) with a note in its own language (已揽收); the platform
 * names each code in both languages, so a page in English reads the event in English while the
 * carrier's note stays as it came. The platform's own events: results to download, collected at the window.
 */
export const CARRIER_EVENTS = ['collected', 'in_transit', 'delivered', 'returned'] as const;
export type CarrierEvent = (typeof CARRIER_EVENTS)[number];
export const PLATFORM_DELIVERY_EVENTS = ['available', 'handed_over'] as const;
export type DeliveryEventCode = CarrierEvent | (typeof PLATFORM_DELIVERY_EVENTS)[number];

export const DELIVERY_EVENT_LABELS: Record<DeliveryEventCode, Localized> = {
  available: { 'zh-CN': '可在线下载', en: 'Available to download' },
  collected: { 'zh-CN': '快递已揽收', en: 'Collected by the courier' },
  in_transit: { 'zh-CN': '运输中', en: 'In transit' },
  delivered: { 'zh-CN': '已签收', en: 'Delivered' },
  returned: { 'zh-CN': '已退回，改为窗口领取', en: 'Returned; collect at the window' },
  handed_over: { 'zh-CN': '已在窗口领取', en: 'Collected at the window' },
};

/** An event's code in words (a code the platform does not know yet: the code itself). */
export const deliveryEventLabel = (event: string, locale: Locale): string => DELIVERY_EVENT_LABELS[event as DeliveryEventCode]?.[locale] ?? event;

/** Whether the carrier reported it (its note is the carrier's words) rather than the platform. */
export const isCarrierEvent = (event: string): event is CarrierEvent => (CARRIER_EVENTS as readonly string[]).includes(event);
