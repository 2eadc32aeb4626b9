import { CARRIER_EVENTS, type CarrierEvent } from '../../../contract/delivery-events.ts';
import type { CallbackHeaders } from '../signed-message.ts';

/**
 * 物流寄送: what the platform needs of a logistics provider to send results to applicants. The
 * sandbox carrier implements it for local runs and tests; a real express company (EMS, SF) is
 * another implementation, and the delivery worker never knows which one it holds.
 */
export interface Carrier {
  /**
   * Books a pickup and answers the waybill. Idempotent by shipmentNo: the same shipment again
   * answers the same waybill; the same shipmentNo with other parties or parcel is refused
   * (GatewayRejectedError 409 'shipment_conflict'). Bad names, phones or addresses are refused
   * with 400 'invalid_request' and a message naming the field.
   */
  createWaybill(request: CreateWaybillRequest): Promise<CreatedWaybill>;
  /** Every event of the waybill so far, oldest first: the truth when a callback is late or lost. */
  track(waybillNo: string): Promise<TrackingEvent[]>;
  /**
   * Checks a tracking callback as it arrived (raw body bytes, before JSON parsing) and answers what
   * it says, or throws CallbackRejectedError (signature missing or invalid, altered body, timestamp
   * outside the 5-minute window, not a callback). A verified callback may still name a waybill we
   * never booked, or repeat an event: dedupe by eventId and look the waybill up.
   */
  verifyCallback(rawBody: Buffer | string, headers: CallbackHeaders): CarrierCallback;
}

/** 已揽收 · 运输中 · 已签收 · 已退回: the codes a carrier reports (the platform names them in both languages) */
export const WAYBILL_EVENTS = CARRIER_EVENTS;
export type WaybillEvent = CarrierEvent;
export type WaybillStatus = 'created' | WaybillEvent;

export interface Contact {
  name: string;
  /** the recipient's must be a mainland mobile number (1[3-9] and 9 digits); the sender's may be a landline */
  phone: string;
  /** in Chinese, with province (or municipality), city, district and street, e.g. 湖南省长沙市岳麓区麓山南路 1 号 */
  address: string;
}

export interface CreateWaybillRequest {
  /** our idempotency key: one per delivery of a case's results */
  shipmentNo: string;
  sender: Contact;
  recipient: Contact;
  parcel: { description: string };
  /** where the carrier POSTs signed tracking callbacks */
  callbackUrl: string;
}

export interface CreatedWaybill {
  waybillNo: string;
  status: WaybillStatus;
}

export interface TrackingEvent {
  eventId: string;
  event: WaybillEvent;
  at: Date;
  /** as the carrier words it for the applicant, e.g. 已签收 */
  description: string;
}

export interface CarrierCallback extends TrackingEvent {
  waybillNo: string;
  /** our shipmentNo when the carrier knows it; absent on a callback about a waybill it never booked for us */
  shipmentNo?: string;
}
