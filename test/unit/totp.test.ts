import { expect } from 'chai';
import { base32Decode, base32Encode, codeAt, hotp, matchStep, otpauthUri, stepAt, totp } from '../../server/auth/totp.ts';
import { otpId, sm3Otp, truncate } from '../../server/auth/gm-otp.ts';
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

/**
 * GM/T 0021-2012's SM3 dynamic password, computed apart from our code: SM3 by the OpenSSL command
 * line, the ID (T ‖ C ‖ Q, zero-filled to 128 bits), Truncate (the eight 32-bit words summed mod
 * 2^32) and P = OD mod 10^N written from the standard's description in a Python script,
 * test/unit/known-answers/gm-otp.py (P, then the SM3 value S, then OD).
 */
const K1 = Buffer.from('1234567890abcdef1234567890abcdef', 'hex');
const GM_T_0021: [string, Buffer, Parameters<typeof sm3Otp>[1], number, string, string, number][] = [
  ['RFC seed, T = 1 (59 s)', RFC_SEED, { time: 1 }, 6, '872914', 'fb9976e66386f971cb7e87bbc9148791760539ad2898b2ad186e85bb2107ea9a', 3418872914],
  ['RFC seed, T = 37037036', RFC_SEED, { time: 37037036 }, 6, '177964', 'ac03a8a3d38d11294690c3d293b0eb0e635dccb635ab809a7e74ed4bc7db41a5', 959177964],
  ['RFC seed, T = 37037037', RFC_SEED, { time: 37037037 }, 6, '272907', 'f2de5011261583ab52b4b2f8e6a863dbe8857af7746a6371cf891cbe461a0c16', 3303272907],
  ['RFC seed, T = 41152263', RFC_SEED, { time: 41152263 }, 6, '179532', '170819dae7a105934bc9233d37c2d583fbee01ed9e1ece1d3986a32ee8098f27', 1037179532],
  ['RFC seed, T = 66666666', RFC_SEED, { time: 66666666 }, 6, '807512', '08e723ce6e516791e1ae90b06be31ed13581a34260c4109856c3ec7344fbda2b', 4140807512],
  ['RFC seed, T = 666666666', RFC_SEED, { time: 666666666 }, 6, '445996', '625d6f4992a6612ab0db103c688d730c441c4c3bffa09bb56d2fefc2d44265bf', 2476445996],
  ['K1, T = 0', K1, { time: 0 }, 6, '607999', 'd32548f86f0f07132cddd125a9f1b6db25947d6c68446e63b98c557724a9cbae', 2232607999],
  ['K1, T = 1', K1, { time: 1 }, 6, '288968', 'd0126eb56e79805838e4b0af9d28df5c166e00307f0b80fa7a9681a9f11c5c1d', 365288968],
  ['K1, T = 56666666', K1, { time: 56666666 }, 6, '339170', 'c1e0dba815a40765885d866aad91812d4b1eb2806d717273534e3155867fbc36', 2681339170],
  ['K1, T = 2^64 − 1', K1, { time: 2n ** 64n - 1n }, 6, '718939', '016a928d6e62b199408b53ecafc760e54142c09e414d13dd9b34e68ceb0dbc5d', 1760718939],
  [
    'K1, T C Q (16 bytes, no fill)',
    K1,
    { time: 56666666, counter: 1234, challenge: '5678' },
    6,
    '126537',
    'c3c032cd6d21cf41c35e79eba2542c53c4c43355d1fbf8a736777e425f3c5dbf',
    3272126537,
  ],
  ['K1, C only', K1, { counter: 1234 }, 6, '411602', '9d65bd9ba06af7d8440c2c491e2b5f9d0bc8d520fb0a4089ba002d375bfe9b99', 3168411602],
  ['K1, Q only', K1, { challenge: '123456' }, 6, '717570', '59c700ca94d99c191a138a5a6cb63021355ca9a288ba4e110df0da2f01e3f602', 1129717570],
  ['K1, T = 56666666, 8 digits', K1, { time: 56666666 }, 8, '81339170', 'c1e0dba815a40765885d866aad91812d4b1eb2806d717273534e3155867fbc36', 2681339170],
];

describe('GM/T 0021-2012: the SM3 dynamic password', () => {
  it('gives the known answers computed apart (S, OD and P)', () => {
    for (const [what, seed, factors, digits, p, s, od] of GM_T_0021) {
      expect(sm3Otp(seed, factors, digits), what).to.equal(p);
      expect(truncate(Buffer.from(s, 'hex')), `${what}: OD`).to.equal(od);
    }
  });

  it('lays out ID = T ‖ C ‖ Q big-endian, filled with zero bytes to 128 bits', () => {
    expect(otpId({ time: 1 }).toString('hex')).to.equal('0000000000000001' + '00'.repeat(8));
    expect(otpId({ time: 0x0102030405060708n, counter: 0x0a0b0c0d }).toString('hex')).to.equal('0102030405060708' + '0a0b0c0d' + '00000000');
    expect(otpId({ time: 1, counter: 2, challenge: 'abcd' }).toString('hex')).to.equal('0000000000000001' + '00000002' + '61626364');
    expect(otpId({ challenge: 'a challenge longer than sixteen bytes' })).to.have.length(37);
    expect(() => otpId({})).to.throw(/one factor/);
    expect(() => otpId({ challenge: 'abc' })).to.throw(/4 bytes/);
    expect(() => sm3Otp(Buffer.alloc(15), { time: 1 })).to.throw(/128 bits/);
  });

  it('is the second factor of an SM3 enrolment: the same 30 s steps, one step either side, once', () => {
    const now = 1_700_000_000_000;
    const step = stepAt(now);
    expect(codeAt('SM3', K1, 56666666)).to.equal('339170');
    expect(codeAt('SHA1', RFC_SEED, 1)).to.equal(hotp(RFC_SEED, 1));
    const at = (s: number) => codeAt('SM3', K1, s);
    expect(matchStep(K1, at(step), now, null, 'SM3')).to.equal(step);
    expect(matchStep(K1, at(step + 1), now, null, 'SM3')).to.equal(step + 1);
    expect(matchStep(K1, at(step - 2), now, null, 'SM3')).to.equal(null);
    expect(matchStep(K1, at(step), now, step, 'SM3'), 'replayed').to.equal(null);
    expect(matchStep(K1, hotp(K1, step), now, null, 'SM3'), 'the RFC 6238 code is not the SM3 one').to.equal(null);
    expect(matchStep(K1, at(step), now, null, 'SHA1'), 'nor the other way round').to.equal(null);
    const uri = new URL(otpauthUri('政务服务平台', 'admin', K1, 'SM3').replace('otpauth://', 'http://x/')).searchParams;
    expect([uri.get('algorithm'), uri.get('digits'), uri.get('period')]).to.deep.equal(['SM3', '6', '30']);
  });
});

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
