import { sign, verify, type KeyObject } from 'node:crypto';
import { CallbackRejectedError } from '../gateway-errors.ts';
import { assertFresh, freshStamp, parseJsonObject, readSignatureHeaders, signedContent, type CallbackHeaders } from '../signed-message.ts';
import type { PaymentNotification } from './gateway.ts';

/**
 * The payment notification scheme (the sandbox's, modelled on WeChat Pay v3 and the provincial
 * unified payment platforms):
 *
 *   POST notifyUrl, Content-Type: application/json, body = the notification JSON
 *   X-Pay-Timestamp: unix seconds    X-Pay-Nonce: 32 hex chars
 *   X-Pay-Signature: base64 RSA-SHA256 (PKCS#1 v1.5) by the gateway's private key over
 *                    "<timestamp>\n<nonce>\n<raw body>\n"
 *
 * The merchant verifies with the gateway's public key from configuration, over the raw body
 * bytes, and refuses timestamps more than 5 minutes from its clock either way.
 */
export const PAYMENT_SIGNATURE_HEADERS = {
  timestamp: 'X-Pay-Timestamp',
  nonce: 'X-Pay-Nonce',
  signature: 'X-Pay-Signature',
} as const;

const GATEWAY = 'payment';

export function signNotification(privateKey: KeyObject, body: string, now: Date = new Date()): Record<string, string> {
  const { timestamp, nonce } = freshStamp(now);
  const signature = sign('sha256', signedContent(timestamp, nonce, body), privateKey).toString('base64');
  return {
    [PAYMENT_SIGNATURE_HEADERS.timestamp]: timestamp,
    [PAYMENT_SIGNATURE_HEADERS.nonce]: nonce,
    [PAYMENT_SIGNATURE_HEADERS.signature]: signature,
  };
}

export function verifySignedNotification(publicKey: KeyObject, rawBody: Buffer | string, headers: CallbackHeaders, now: Date): PaymentNotification {
  const { timestamp, nonce, signature } = readSignatureHeaders(GATEWAY, headers, PAYMENT_SIGNATURE_HEADERS);
  let valid: boolean;
  try {
    valid = verify('sha256', signedContent(timestamp, nonce, rawBody), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) throw new CallbackRejectedError(GATEWAY, 'signature_invalid', 'payment notification signature does not match the gateway key');
  assertFresh(GATEWAY, timestamp, now);
  return parseNotification(parseJsonObject(GATEWAY, rawBody));
}

function parseNotification(body: Record<string, unknown>): PaymentNotification {
  const { notifyId, orderNo, merchantOrderNo, amountFen, paidAt, status } = body;
  const paid = typeof paidAt === 'string' ? new Date(paidAt) : undefined;
  const problems = [
    typeof notifyId === 'string' && notifyId ? '' : 'notifyId',
    typeof orderNo === 'string' && orderNo ? '' : 'orderNo',
    typeof merchantOrderNo === 'string' && merchantOrderNo ? '' : 'merchantOrderNo',
    typeof amountFen === 'number' && Number.isSafeInteger(amountFen) && amountFen > 0 ? '' : 'amountFen',
    paid && !Number.isNaN(paid.getTime()) ? '' : 'paidAt',
    status === 'paid' ? '' : 'status',
  ].filter(Boolean);
  if (problems.length) throw new CallbackRejectedError(GATEWAY, 'malformed', `payment notification lacks valid ${problems.join(', ')}`);
  return {
    notifyId: notifyId as string,
    orderNo: orderNo as string,
    merchantOrderNo: merchantOrderNo as string,
    amountFen: amountFen as number,
    paidAt: paid!,
    status: 'paid',
  };
}
