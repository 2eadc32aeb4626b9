import { createHmac } from 'node:crypto';

/** The fields of a row the chain covers, in a fixed order. */
export interface ChainedFields {
  id: number;
  at: Date;
  actor: string | null;
  clientAddress: string | null;
  action: string;
  target: string | null;
  outcome: string;
  detail: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * A row's hash: HMAC-SM3 (GB/T 32905) under the audit key over the previous row's hash and the
 * row's fields, each length-prefixed so no two rows serialize alike. Changing, removing or
 * reordering a row breaks every hash after it; forging a new chain needs the key.
 */
export function chainHash(key: string, prevHash: string, row: ChainedFields): string {
  const fields = [
    prevHash,
    String(row.id),
    row.at.toISOString(),
    row.actor ?? '',
    row.clientAddress ?? '',
    row.action,
    row.target ?? '',
    row.outcome,
    row.detail,
  ];
  const hmac = createHmac('sm3', key);
  for (const field of fields) hmac.update(`${Buffer.byteLength(field, 'utf8')}:${field};`, 'utf8');
  return hmac.digest('hex');
}
