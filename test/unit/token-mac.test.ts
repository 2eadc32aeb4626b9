import { expect } from 'chai';
import { createHash, createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { JWS_ALG, signJws, verifyJws } from '../../server/auth/compact-jws.ts';
import { sessionTokenKey } from '../../server/auth/tokens.ts';
import { CHALLENGE_SECONDS, challengeKey, Challenges } from '../../server/auth/challenge.ts';

/**
 * 密评, identification data: session tokens and sign-in challenges MAC'd with HMAC-SM3 (compact JWS,
 * alg HS-SM3, server/auth/compact-jws.ts). The known answers were computed with the OpenSSL command
 * line (`openssl dgst -sm3 -mac HMAC`, `-hmac`), not with our code.
 */

const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const CLAIMS = { sub: '42', jti: '0b7c6f0e-5a39-4a5e-9d0c-3f1e2d4c5b6a', iss: 'approval-platform', iat: 1700000000, exp: 1700001800 };
const KNOWN_TOKEN =
  'eyJhbGciOiJIUy1TTTMiLCJ0eXAiOiJKV1QifQ.' +
  'eyJzdWIiOiI0MiIsImp0aSI6IjBiN2M2ZjBlLTVhMzktNGE1ZS05ZDBjLTNmMWUyZDRjNWI2YSIsImlzcyI6ImFwcHJvdmFsLXBsYXRmb3JtIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDE4MDB9.' +
  'Pgny_oh9FVij_2IyvfEdtjODVNH5WMiXpiJMISLxwWs';
const SECRET = 'a-jwt-secret-for-the-known-answer-test-01';

const part = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
/** A token with any header, MAC'd with HMAC-SM3 under KEY (to reach the checks after the MAC's). */
const withHeader = (header: unknown, payload: unknown = CLAIMS) => {
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${createHmac('sm3', KEY).update(input).digest('base64url')}`;
};

describe('token MACs: compact JWS with HMAC-SM3 (alg HS-SM3)', () => {
  it('signs as the known answer computed with OpenSSL, and verifies it', () => {
    expect(signJws(KEY, 'JWT', CLAIMS)).to.equal(KNOWN_TOKEN);
    expect(verifyJws(KEY, KNOWN_TOKEN, 'JWT')).to.deep.equal({ ok: true, header: { alg: JWS_ALG, typ: 'JWT' }, payload: CLAIMS });
  });

  it('derives the session and challenge keys from JWT_SECRET with HMAC-SM3, one per purpose (known answers from OpenSSL)', () => {
    expect(sessionTokenKey(SECRET).toString('hex')).to.equal('f671f07f022cbd38ec6aed32d0d7744dc9be86b0c14f312ae29716346c28cbb5');
    expect(challengeKey(SECRET).toString('hex')).to.equal('fbdd2b975ac4c13ebfbb9ea24ec2d60b835cc0324eb124f53e1c1395c36cef46');
  });

  it('refuses any alg but HS-SM3, none included, even with a right HMAC-SM3', async () => {
    for (const alg of ['none', 'HS256', 'hs-sm3', 'HS-SM3 ', 'RS256', null, undefined]) {
      const result = verifyJws(KEY, withHeader({ alg, typ: 'JWT' }), 'JWT');
      expect(result.ok, String(alg)).to.equal(false);
      expect(result.ok ? '' : result.reason, String(alg)).to.match(/^alg .* not accepted$/);
    }
    expect(verifyJws(KEY, `${part({ alg: 'none' })}.${part(CLAIMS)}.`, 'JWT').ok, 'alg none, no signature').to.equal(false);
    const hs256 = await new SignJWT(CLAIMS).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(KEY);
    expect(verifyJws(KEY, hs256, 'JWT')).to.deep.equal({ ok: false, reason: 'alg "HS256" not accepted' });
  });

  it('refuses a tampered header or payload, a changed or re-spelled tag, another key, crit and another typ', () => {
    const [header, payload, tag] = KNOWN_TOKEN.split('.') as [string, string, string];
    const refusals: [string, string, string][] = [
      ['payload changed', `${header}.${part({ ...CLAIMS, sub: '1' })}.${tag}`, 'signature'],
      ['payload changed by one character', `${header}.${payload.slice(0, 10)}x${payload.slice(11)}.${tag}`, 'signature'],
      ['header changed (typ), tag kept', `${part({ alg: 'HS-SM3', typ: 'jwt' })}.${payload}.${tag}`, 'typ "jwt" not accepted'],
      ['tag changed', `${header}.${payload}.${tag.slice(0, 5)}${tag[5] === 'A' ? 'B' : 'A'}${tag.slice(6)}`, 'signature'],
      // the last character carries 4 bits of the tag and 2 of padding: same bytes, other spelling
      ['tag re-spelled', `${header}.${payload}.${tag.slice(0, -1)}${String.fromCharCode(tag.charCodeAt(tag.length - 1) + 1)}`, 'signature'],
      ['tag cut', `${header}.${payload}.${tag.slice(0, 20)}`, 'signature'],
      ['tag empty', `${header}.${payload}.`, 'malformed'],
      ['another key', signJws(Buffer.alloc(32, 1), 'JWT', CLAIMS), 'signature'],
      ['crit', withHeader({ alg: 'HS-SM3', typ: 'JWT', crit: ['b64'], b64: false }), 'crit not understood'],
      ['another typ', withHeader({ alg: 'HS-SM3', typ: 'sign-in-challenge' }), 'typ "sign-in-challenge" not accepted'],
      ['no typ', withHeader({ alg: 'HS-SM3' }), 'typ undefined not accepted'],
      ['four parts', `${KNOWN_TOKEN}.${tag}`, 'malformed'],
      ['two parts', `${header}.${payload}`, 'malformed'],
      ['not base64url', `${header}.${payload}+.${tag}`, 'malformed'],
      ['header not JSON', `${part('not json')}.${payload}.${tag}`, 'malformed header'],
      ['header an array', withHeader(['HS-SM3']), 'malformed header'],
      ['payload not an object', withHeader({ alg: 'HS-SM3', typ: 'JWT' }, [1, 2]), 'malformed payload'],
      ['too long', signJws(KEY, 'JWT', { ...CLAIMS, pad: 'x'.repeat(4000) }), 'malformed'],
    ];
    for (const [what, token, reason] of refusals) expect(verifyJws(KEY, token, 'JWT'), what).to.deep.equal({ ok: false, reason });
    expect(verifyJws(KEY, 42, 'JWT')).to.deep.equal({ ok: false, reason: 'malformed' });
  });

  describe('sign-in challenges', () => {
    const user = { id: 7, passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA' };
    let now = 1_700_000_000_000;
    const challenges = new Challenges(SECRET, () => now);

    it('are HS-SM3 under their own key, of their own type, good for their purpose within 5 minutes', async () => {
      now = 1_700_000_000_000;
      const { challenge, expiresAt } = await challenges.issue(user, 'second_factor');
      expect(JSON.parse(Buffer.from(challenge.split('.')[0]!, 'base64url').toString())).to.deep.equal({ alg: 'HS-SM3', typ: 'sign-in-challenge' });
      expect(verifyJws(challengeKey(SECRET), challenge, 'sign-in-challenge').ok).to.equal(true);
      expect(verifyJws(sessionTokenKey(SECRET), challenge, 'sign-in-challenge').ok, 'not under the session key').to.equal(false);
      expect(expiresAt.getTime()).to.equal(now + CHALLENGE_SECONDS * 1000);
      const claims = await challenges.verify(challenge, 'second_factor');
      expect(claims).to.deep.include({ userId: 7, purpose: 'second_factor' });
      // SM3 of the password hash, cut: a password changed since voids the challenge
      expect(claims!.passwordFingerprint).to.equal(createHash('sm3').update(user.passwordHash).digest('base64url').slice(0, 22));
      expect(await challenges.verify(challenge, 'enrolment'), 'another purpose').to.equal(null);
      now += CHALLENGE_SECONDS * 1000 - 1000;
      expect(await challenges.verify(challenge, 'second_factor'), 'a second before the end').to.not.equal(null);
      now += 1000;
      expect(await challenges.verify(challenge, 'second_factor'), 'expired').to.equal(null);
    });

    it('refuses one signed as before (HS256), a tampered one, and a session token', async () => {
      now = 1_700_000_000_000;
      const seconds = now / 1000;
      const before = await new SignJWT({ purpose: 'second_factor', pwd: 'x' })
        .setProtectedHeader({ alg: 'HS256', typ: 'sign-in-challenge' })
        .setSubject('7')
        .setJti('0b7c6f0e-5a39-4a5e-9d0c-3f1e2d4c5b6a')
        .setIssuer('approval-platform/sign-in-challenge')
        .setAudience('second-step')
        .setIssuedAt(seconds)
        .setExpirationTime(seconds + 300)
        .sign(createHash('sha256').update(`approval-sign-in-challenge:${SECRET}`).digest());
      expect(await challenges.verify(before, 'second_factor')).to.equal(null);
      const { challenge } = await challenges.issue(user, 'enrolment');
      const [header, payload, tag] = challenge.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      expect(await challenges.verify(`${header}.${part({ ...claims, purpose: 'second_factor' })}.${tag}`, 'second_factor')).to.equal(null);
      const session = signJws(challengeKey(SECRET), 'JWT', { sub: '7', jti: 'x', iss: 'approval-platform', iat: seconds, exp: seconds + 300 });
      expect(await challenges.verify(session, 'second_factor'), 'a session token is no challenge').to.equal(null);
    });
  });
});
