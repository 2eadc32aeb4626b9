import { expect } from 'chai';
import { checkClaims, isIdle, needsTouch, passwordExpired } from '../../server/auth/session-rules.ts';
import { passwordProblems } from '../../contract/passwords.ts';
import { TtlCache } from '../../server/auth/ttl-cache.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, trustedProxies } from '../../server/config/load.ts';

describe('accounts and sessions: the rules, on a clock of our own', () => {
  const now = 1_700_000_000;
  const jti = '0b8f5a52-8a8e-4c1e-9d43-2f7f8c3d9a11';
  const claims = (extra: Record<string, unknown>) => ({ sub: '7', jti, iat: now, exp: now + 1800, ...extra });

  it('accepts a token with exp − iat within the lifetime, and refuses the rest', () => {
    expect(checkClaims(claims({}), 1800, now)).to.deep.equal({ userId: 7, sessionId: jti, issuedAt: now, expiresAt: now + 1800 });
    expect(checkClaims(claims({ exp: undefined }), 1800, now)).to.equal('no exp or iat');
    expect(checkClaims(claims({ iat: undefined }), 1800, now)).to.equal('no exp or iat');
    expect(checkClaims(claims({ exp: now + 1801 }), 1800, now)).to.equal('lifetime longer than TOKEN_TTL_SECONDS');
    expect(checkClaims(claims({ exp: now }), 1800, now)).to.equal('exp before iat');
    expect(checkClaims(claims({ iat: now + 120, exp: now + 300 }), 1800, now)).to.equal('iat in the future');
    expect(checkClaims(claims({ iat: now + 30, exp: now + 300 }), 1800, now), 'another node a little ahead').to.be.an('object');
    expect(checkClaims(claims({}), 1800, now + 1800)).to.equal('expired');
    expect(checkClaims(claims({ sub: 'admin' }), 1800, now)).to.equal('sub is not a user id');
    expect(checkClaims(claims({ jti: undefined }), 1800, now)).to.equal('jti is not a session id');
  });

  it('ends a staff session left alone longer than the idle time, never an applicant’s', () => {
    const idle = 30 * 60_000;
    const seen = 1_000_000;
    expect(isIdle(seen, seen + idle, idle, ['reviewer'])).to.equal(false);
    expect(isIdle(seen, seen + idle + 1, idle, ['reviewer'])).to.equal(true);
    expect(isIdle(seen, seen + idle + 1, idle, ['analyst'])).to.equal(true);
    expect(isIdle(seen, seen + 10 * idle, idle, ['applicant'])).to.equal(false);
    expect(isIdle(seen, seen + idle + 1, idle, ['applicant', 'clerk']), 'anyone with a staff role').to.equal(true);
  });

  it('writes last_seen_at at most every 30 s', () => {
    expect(needsTouch(0, 29_999)).to.equal(false);
    expect(needsTouch(0, 30_000)).to.equal(true);
  });

  it('expires a password after the maximum age; 0 never', () => {
    const day = 86_400_000;
    const changed = new Date(0);
    expect(passwordExpired(changed, 90 * day, 90)).to.equal(false);
    expect(passwordExpired(changed, 90 * day + 1, 90)).to.equal(true);
    expect(passwordExpired(changed, 5000 * day, 0)).to.equal(false);
  });

  it('names each password rule broken, once', () => {
    const codes = (password: string, username = 'zhangsan') => passwordProblems(password, username).map((p) => p.code);
    expect(codes('Good-Pass-1')).to.deep.equal([]);
    expect(codes('Ab1!')).to.deep.equal(['password_too_short']);
    expect(codes('abcdefgh1')).to.deep.equal(['password_too_few_classes']);
    expect(codes('ABCDEFGH1!')).to.deep.equal([]);
    expect(codes('密码密码密码Aa1'), 'other characters are symbols').to.deep.equal([]);
    expect(codes('x-ZhangSan-1')).to.deep.equal(['password_contains_username']);
    expect(codes('zhangsan')).to.deep.equal(['password_too_few_classes', 'password_contains_username']);
    expect(codes('short')).to.deep.equal(['password_too_short', 'password_too_few_classes']);
    expect(passwordProblems('short', 'x')[0]!.message).to.deep.equal({ 'zh-CN': '密码至少 8 个字符', en: 'The password needs at least 8 characters' });
  });

  it('keeps a loaded value for its time, shares a load under way and forgets a failed one', async () => {
    let clock = 0;
    let loads = 0;
    const cache = new TtlCache<number, number>(3000, () => clock);
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get(1, load), cache.get(1, load)]);
    expect([a, b, loads]).to.deep.equal([1, 1, 1]);
    clock = 2999;
    expect(await cache.get(1, load)).to.equal(1);
    clock = 3000;
    expect(await cache.get(1, load)).to.equal(2);
    cache.delete(1);
    expect(await cache.get(1, load)).to.equal(3);
    await cache.get(2, () => Promise.reject(new Error('down'))).catch(() => undefined);
    expect(await cache.get(2, load), 'a failure is not kept').to.equal(4);
    const none = new TtlCache<number, number>(0, () => clock);
    await none.get(1, load);
    expect(await none.get(1, load), '0: every get loads').to.equal(6);
  });

  it('reads TRUST_PROXY: addresses, ranges and the named ranges; nothing that trusts everyone', () => {
    expect(trustedProxies(undefined)).to.deep.equal([]);
    expect(trustedProxies('none')).to.deep.equal([]);
    expect(trustedProxies(' 10.0.0.5, 10.1.0.0/16 ,loopback,fd00::/8,::1')).to.deep.equal(['10.0.0.5', '10.1.0.0/16', 'loopback', 'fd00::/8', '::1']);
    for (const bad of ['true', '*', '1', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/2']) {
      expect(() => trustedProxies(bad), bad).to.throw(ConfigError, /TRUST_PROXY/);
    }
  });

  it('has the account settings of 等保三级 by default, the embedded default keeping its demo passwords', () => {
    const dir = mkdtempSync(join(tmpdir(), 'approval-accounts-'));
    try {
      const config = loadConfig({ DATA_DIR: dir });
      expect(config.trustProxy).to.deep.equal([]);
      expect(config.accounts).to.deep.equal({
        checkSeconds: 3,
        sessionIdleMinutes: 30,
        passwordMaxAgeDays: 0,
        lockAttempts: 5,
        lockWindowMinutes: 15,
        lockMinutes: 15,
        secondFactorRequired: ['admin', 'security_admin', 'analyst', 'seal_users'],
        secondFactorIssuer: '政务服务平台',
        secondFactorAlgorithm: 'SHA1',
      });
      expect(loadConfig({ DATA_DIR: dir, PASSWORD_MAX_AGE_DAYS: '90', TRUST_PROXY: '10.0.0.5' })).to.deep.include({ trustProxy: ['10.0.0.5'] });
      expect(() => loadConfig({ DATA_DIR: dir, SESSION_IDLE_MINUTES: '0' })).to.throw(ConfigError, /sessionIdleMinutes/);
      expect(() => loadConfig({ DATA_DIR: dir, ACCOUNT_CHECK_SECONDS: '600' })).to.throw(ConfigError, /checkSeconds/);
      expect(() => loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'true' })).to.throw(ConfigError, /TRUST_PROXY/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
