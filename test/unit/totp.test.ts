import { expect } from 'chai';
import { base32Decode, base32Encode, hotp, matchStep, otpauthUri, stepAt, totp } from '../../server/auth/totp.ts';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCode,
  openSecret,
  sealSecret,
  SECOND_FACTOR_ALGORITHMS,
} from '../../server/auth/second-factor-crypto.ts';
import { DEMO_TOTP_SECRET } from '../../server/auth/demo-accounts.ts';

/** RFC 6238 Appendix B: the seed of the SHA1 rows is "12345678901234567890", 8 digits, 30 s steps. */
const RFC_SEED = Buffer.from('12345678901234567890', 'ascii');
const APPENDIX_B_SHA1: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238) and the second factor at rest', () => {
  it('gives the codes of RFC 6238 Appendix B (SHA1, 8 digits)', () => {
    for (const [seconds, expected] of APPENDIX_B_SHA1) expect(totp(RFC_SEED, seconds * 1000, 8), `T = ${seconds}`).to.equal(expected);
  });

  it('and the SHA256 and SHA512 rows, with their own seeds', () => {
    expect(totp(Buffer.from('12345678901234567890123456789012'), 59_000, 8, 'sha256')).to.equal('46119246');
    expect(totp(Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'), 59_000, 8, 'sha512')).to.equal('90693936');
  });

  it('gives the HOTP values of RFC 4226 Appendix D (6 digits)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(RFC_SEED, counter))).to.deep.equal(expected);
  });

  it('reads and writes base32 as authenticator apps do; the demo secret is the RFC seed', () => {
    expect(base32Encode(RFC_SEED)).to.equal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(DEMO_TOTP_SECRET)!.equals(RFC_SEED)).to.equal(true);
    expect(base32Decode('gezd gnbv-gy3t qojq gezd gnbv gy3t qojq====')!.equals(RFC_SEED)).to.equal(true);
    expect(base32Decode('not base32!')).to.equal(null);
    for (const n of [1, 5, 10, 20]) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff));
      expect(base32Decode(base32Encode(bytes))!.equals(bytes)).to.equal(true);
    }
  });

  it('accepts a code one step either side of now, not two; never a step at or before the last one accepted', () => {
    const now = 1_700_000_000_000;
    const step = stepAt(now);
    const at = (s: number) => totp(RFC_SEED, s * 30_000);
    expect(matchStep(RFC_SEED, at(step), now, null)).to.equal(step);
    expect(matchStep(RFC_SEED, at(step - 1), now, null)).to.equal(step - 1);
    expect(matchStep(RFC_SEED, at(step + 1), now, null)).to.equal(step + 1);
    expect(matchStep(RFC_SEED, at(step - 2), now, null)).to.equal(null);
    expect(matchStep(RFC_SEED, at(step + 2), now, null)).to.equal(null);
    // replay: the code of the step last accepted, or an earlier one, is refused
    expect(matchStep(RFC_SEED, at(step), now, step)).to.equal(null);
    expect(matchStep(RFC_SEED, at(step - 1), now, step)).to.equal(null);
    expect(matchStep(RFC_SEED, at(step + 1), now, step)).to.equal(step + 1);
    expect(matchStep(RFC_SEED, ` ${at(step).slice(0, 3)} ${at(step).slice(3)} `, now, null)).to.equal(step);
    expect(matchStep(RFC_SEED, '12345', now, null)).to.equal(null);
  });

  it('writes the otpauth:// URI with the issuer, the account and the base32 secret', () => {
    const uri = otpauthUri('政务服务平台', 'admin', RFC_SEED);
    expect(uri.startsWith(`otpauth://totp/${encodeURIComponent('政务服务平台')}:admin?`)).to.equal(true);
    const query = new URL(uri.replace('otpauth://', 'http://x/')).searchParams;
    expect(query.get('secret')).to.equal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(query.get('issuer')).to.equal('政务服务平台');
    expect([query.get('algorithm'), query.get('digits'), query.get('period')]).to.deep.equal(['SHA1', '6', '30']);
  });

  it('seals a secret so that only its own user and key open it', () => {
    const key = 'k'.repeat(40);
    expect(SECOND_FACTOR_ALGORITHMS).to.equal('SM4-CBC + HMAC-SM3');
    const stored = sealSecret(key, 7, RFC_SEED);
    expect(stored.startsWith('s1.')).to.equal(true);
    expect(stored).not.to.include(base32Encode(RFC_SEED));
    expect(openSecret(key, 7, stored).equals(RFC_SEED)).to.equal(true);
    expect(sealSecret(key, 7, RFC_SEED)).not.to.equal(stored);
    expect(() => openSecret(key, 8, stored)).to.throw(/authentication/);
    expect(() => openSecret('x'.repeat(40), 7, stored)).to.throw(/authentication/);
    const raw = Buffer.from(stored.slice(3), 'base64url');
    raw[20] = raw[20]! ^ 1;
    expect(() => openSecret(key, 7, `s1.${raw.toString('base64url')}`)).to.throw(/authentication/);
  });

  it('makes recovery codes of about 50 bits, kept as a keyed hash per user', () => {
    const codes = new Set(Array.from({ length: 200 }, newRecoveryCode));
    expect(codes.size).to.equal(200);
    for (const code of codes) expect(code).to.match(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const code = [...codes][0]!;
    expect(looksLikeRecoveryCode(code.toUpperCase().replace('-', ' '))).to.equal(true);
    expect(looksLikeRecoveryCode('123456')).to.equal(false);
    const key = 'k'.repeat(40);
    expect(hashRecoveryCode(key, 1, code)).to.equal(hashRecoveryCode(key, 1, code.toUpperCase()));
    expect(hashRecoveryCode(key, 1, code)).not.to.equal(hashRecoveryCode(key, 2, code));
    expect(hashRecoveryCode(key, 1, code)).to.have.length(64);
  });
});
