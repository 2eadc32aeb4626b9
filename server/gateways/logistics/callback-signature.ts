import { createHmac, timingSafeEqual } from 'node:crypto';
import { CallbackRejectedError } from '../gateway-errors.ts';
import { assertFresh, freshStamp, parseJsonObject, readSignatureHeaders, signedContent, type CallbackHeaders } from '../signed-message.ts';
import { WAYBILL_EVENTS, type CarrierCallback, type WaybillEvent } from './carrier.ts';

/**
 * The tracking callback scheme (the sandbox carrier's, in the style of the express companies'
 * open platforms, which sign pushes with a secret shared at registration):
 *
 *   POST callbackUrl, Content-Type: application/json, body = the callback JSON
 *   X-Carrier-Timestamp: unix seconds    X-Carrier-Nonce: 32 hex chars
 *   X-Carrier-Signature: base64 HMAC-SHA256 keyed with the shared callback secret over
 *                        "<timestamp>\n<nonce>\n<raw body>\n"
 *
 * The platform recomputes the HMAC over the raw body bytes, compares in constant time and
 * refuses timestamps more than 5 minutes from its clock either way.
 */
export const CARRIER_SIGNATURE_HEADERS = {
  timestamp: 'X-Carrier-Timestamp',
  nonce: 'X-Carrier-Nonce',
  signature: 'X-Carrier-Signature',
} as const;

const GATEWAY = 'logistics';

function hmac(secret: string, timestamp: string, nonce: string, rawBody: Buffer | string): Buffer {
  return createHmac('sha256', secret)
    .update(signedContent(timestamp, nonce, rawBody))
    .digest();
}

export function signCallback(secret: string, body: string, now: Date = new Date()): Record<string, string> {
  const { timestamp, nonce } = freshStamp(now);
  return {
    [CARRIER_SIGNATURE_HEADERS.timestamp]: timestamp,
    [CARRIER_SIGNATURE_HEADERS.nonce]: nonce,
    [CARRIER_SIGNATURE_HEADERS.signature]: hmac(secret, timestamp, nonce, body).toString('base64'),
  };
}

export function verifySignedCallback(secret: string, rawBody: Buffer | string, headers: CallbackHeaders, now: Date): CarrierCallback {
  const { timestamp, nonce, signature } = readSignatureHeaders(GATEWAY, headers, CARRIER_SIGNATURE_HEADERS);
  const expected = hmac(secret, timestamp, nonce, rawBody);
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CallbackRejectedError(GATEWAY, 'signature_invalid', 'carrier callback signature does not match the shared secret');
  }
  assertFresh(GATEWAY, timestamp, now);
  return parseCallback(parseJsonObject(GATEWAY, rawBody));
}

function parseCallback(body: Record<string, unknown>): CarrierCallback {
  const { eventId, waybillNo, shipmentNo, event, at, description } = body;
  const when = typeof at === 'string' ? new Date(at) : undefined;
  const problems = [
    typeof eventId === 'string' && eventId ? '' : 'eventId',
    typeof waybillNo === 'string' && waybillNo ? '' : 'waybillNo',
    shipmentNo === undefined || (typeof shipmentNo === 'string' && shipmentNo) ? '' : 'shipmentNo',
    (WAYBILL_EVENTS as readonly unknown[]).includes(event) ? '' : 'event',
    when && !Number.isNaN(when.getTime()) ? '' : 'at',
    typeof description === 'string' ? '' : 'description',
  ].filter(Boolean);
  if (problems.length) throw new CallbackRejectedError(GATEWAY, 'malformed', `carrier callback lacks valid ${problems.join(', ')}`);
  return {
    eventId: eventId as string,
    waybillNo: waybillNo as string,
    ...(shipmentNo ? { shipmentNo: shipmentNo as string } : {}),
    event: event as WaybillEvent,
    at: when!,
    description: description as string,
  };
}
