import { createHash } from 'node:crypto';

/**
 * The dynamic password of GM/T 0021-2012 (动态口令密码应用技术规范; GB/T 38556-2020 has the same
 * algorithm) on SM3, written from the standard's description:
 * - ID = T ‖ C ‖ Q: T the time factor, 8 bytes big-endian (here the 30 s step since the epoch, as
 *   TOTP's, within the standard's limit of 60 s); C the event counter, 4 bytes big-endian; Q the
 *   challenge, at least 4 bytes. Each is optional, one at least; an ID shorter than 128 bits is
 *   filled with zero bytes after it.
 * - S = SM3(K ‖ ID), K the seed (at least 128 bits).
 * - OD = Truncate(S): S's 256 bits as eight 32-bit big-endian words S1 … S8, OD = (S1 + … + S8) mod 2^32.
 * - P = OD mod 10^N, written with N digits (leading zeros kept), N ≥ 6.
 * test/unit/totp.test.ts holds known answers computed apart from this code (SM3 by OpenSSL).
 */
export interface OtpFactors {
  /** T: the time factor */
  time?: number | bigint;
  /** C: the event counter (0 … 2^32 − 1) */
  counter?: number;
  /** Q: the challenge, at least 4 bytes (text is taken as its UTF-8 bytes) */
  challenge?: Uint8Array | string;
}

const ID_MIN_BYTES = 16;

/** ID = T ‖ C ‖ Q, filled with zero bytes to 128 bits. */
export function otpId({ time, counter, challenge }: OtpFactors): Buffer {
  if (time === undefined && counter === undefined && challenge === undefined) throw new RangeError('GM/T 0021: one factor at least (T, C or Q)');
  const parts: Buffer[] = [];
  if (time !== undefined) {
    const t = Buffer.alloc(8);
    t.writeBigUInt64BE(BigInt(time));
    parts.push(t);
  }
  if (counter !== undefined) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    parts.push(c);
  }
  if (challenge !== undefined) {
    const q = Buffer.from(challenge);
    if (q.length < 4) throw new RangeError('GM/T 0021: the challenge Q has 4 bytes at least');
    parts.push(q);
  }
  const id = Buffer.concat(parts);
  return id.length >= ID_MIN_BYTES ? id : Buffer.concat([id, Buffer.alloc(ID_MIN_BYTES - id.length)]);
}

/** Truncate(S) of an SM3 value: the sum of its eight 32-bit big-endian words modulo 2^32. */
export function truncate(s: Buffer): number {
  let od = 0;
  for (let i = 0; i < 32; i += 4) od = (od + s.readUInt32BE(i)) >>> 0;
  return od;
}

/** The dynamic password P of the seed and factors, `digits` digits (6 by default). */
export function sm3Otp(seed: Uint8Array, factors: OtpFactors, digits = 6): string {
  if (seed.length < 16) throw new RangeError('GM/T 0021: the seed has 128 bits at least');
  if (!Number.isInteger(digits) || digits < 6 || digits > 9) throw new RangeError('GM/T 0021: 6 to 9 digits');
  const s = createHash('sm3').update(seed).update(otpId(factors)).digest();
  return String(truncate(s) % 10 ** digits).padStart(digits, '0');
}
