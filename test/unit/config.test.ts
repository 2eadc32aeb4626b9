import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../server/config/load.ts';

describe('configuration', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'approval-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates the embedded secrets once and reuses them', () => {
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.engine.password).to.have.length.greaterThan(20);
    expect(second.engine.password).to.equal(first.engine.password);
    expect(second.jwtSecret).to.equal(first.jwtSecret);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).jwtSecret).to.equal(first.jwtSecret);
    expect(first.appDbUrl).to.equal(`sqlite:${join(dir, 'app.sqlite')}`);
  });

  it("reads ENGINE_NODE_URLS (each engine node's own address) and refuses an entry that is no address", () => {
    expect(loadConfig({ DATA_DIR: dir }).engineNodeUrls).to.deep.equal([]);
    expect(
      loadConfig({ DATA_DIR: dir, ENGINE_NODE_URLS: ' http://10.0.0.1:8090/engine-rest/ , http://10.0.0.2:8090/engine-rest' }).engineNodeUrls,
    ).to.deep.equal(['http://10.0.0.1:8090/engine-rest', 'http://10.0.0.2:8090/engine-rest']);
    expect(() => loadConfig({ DATA_DIR: dir, ENGINE_NODE_URLS: 'http://10.0.0.1:8090/engine-rest,engine-2:8090' })).to.throw(
      ConfigError,
      /ENGINE_NODE_URLS.*"engine-2:8090"/,
    );
  });

  it('refuses to start production with default or missing secrets, or on SQLite', () => {
    const embedded = loadConfig({ DATA_DIR: dir });
    const base = { APP_MODE: 'production', DATA_DIR: dir, APP_DB_URL: 'mysql://u:p@127.0.0.1:3306/app', ENGINE_USER: 'svc' };
    expect(() => loadConfig({ ...base })).to.throw(ConfigError, /ENGINE_PASSWORD/);
    expect(() => loadConfig({ ...base, ENGINE_PASSWORD: embedded.engine.password, JWT_SECRET: embedded.jwtSecret })).to.throw(ConfigError, /demo value/);
    expect(() => loadConfig({ ...base, ENGINE_PASSWORD: 'changeme', JWT_SECRET: 'x'.repeat(40) })).to.throw(ConfigError, /ENGINE_PASSWORD/);
    const strong = {
      ENGINE_PASSWORD: 'a-strong-engine-secret-1234',
      JWT_SECRET: 'a-strong-jwt-secret-of-more-than-32-chars',
      SEAL_KEY: 'a-strong-seal-key-of-more-than-32-chars',
      AUDIT_KEY: 'a-strong-audit-key-of-more-than-32-chars',
      SECOND_FACTOR_KEY: 'a-strong-second-factor-key-of-32-chars',
      PERSONAL_DATA_KEYS: 'k1:a-strong-personal-data-key-of-32-chars',
      PERSONAL_DATA_INDEX_KEY: 'a-strong-personal-index-key-of-32-chars',
    };
    expect(() => loadConfig({ ...base, ...strong, APP_DB_URL: 'sqlite:/tmp/x.sqlite' })).to.throw(ConfigError, /MySQL or MariaDB/);
    // the seals' certificate passwords are encrypted with a key of the city's own
    expect(() => loadConfig({ ...base, ...strong, SEAL_KEY: undefined })).to.throw(ConfigError, /SEAL_KEY/);
    expect(() => loadConfig({ ...base, ...strong, SEAL_KEY: embedded.sealKey })).to.throw(ConfigError, /SEAL_KEY/);
    // the audit trail is chained under a key of the city's own
    expect(() => loadConfig({ ...base, ...strong, AUDIT_KEY: undefined })).to.throw(ConfigError, /AUDIT_KEY/);
    expect(() => loadConfig({ ...base, ...strong, AUDIT_KEY: embedded.auditKey })).to.throw(ConfigError, /AUDIT_KEY/);
    // the second factor's TOTP secrets are encrypted with a key of the city's own
    expect(() => loadConfig({ ...base, ...strong, SECOND_FACTOR_KEY: undefined })).to.throw(ConfigError, /SECOND_FACTOR_KEY/);
    expect(() => loadConfig({ ...base, ...strong, SECOND_FACTOR_KEY: embedded.secondFactorKey })).to.throw(ConfigError, /SECOND_FACTOR_KEY/);
    expect(() => loadConfig({ ...base, ...strong, PERSONAL_DATA_KEYS: undefined })).to.throw(ConfigError, /PERSONAL_DATA_KEYS/);
    expect(() => loadConfig({ ...base, ...strong, PERSONAL_DATA_KEYS: `k1:${embedded.personalData.keys[0]!.secret}` })).to.throw(
      ConfigError,
      /PERSONAL_DATA_KEYS/,
    );
    expect(() => loadConfig({ ...base, ...strong, PERSONAL_DATA_KEYS: 'no id' })).to.throw(ConfigError, /id:secret/);
    expect(() => loadConfig({ ...base, ...strong, PERSONAL_DATA_INDEX_KEY: undefined })).to.throw(ConfigError, /PERSONAL_DATA_INDEX_KEY/);
    expect(
      loadConfig({
        ...base,
        ...strong,
        PERSONAL_DATA_KEYS: 'k2:a-newer-personal-data-key-of-32-chars,k1:a-strong-personal-data-key-of-32-chars',
      }).personalData.keys.map((k) => k.id),
    ).to.deep.equal(['k2', 'k1']);
    expect(loadConfig({ ...base, ...strong }).mode).to.equal('production');
  });

  it('rejects malformed values with the variable named', () => {
    expect(() => loadConfig({ DATA_DIR: dir, PORT: 'eighty' })).to.throw(ConfigError, /PORT/);
    expect(() => loadConfig({ DATA_DIR: dir, REGION_CODE: '43' })).to.throw(ConfigError, /regionCode/);
    expect(() => loadConfig({ DATA_DIR: dir, WORKER_TOPICS: 'acceptance,teleport' })).to.throw(ConfigError, /teleport/);
  });

  it('reads the registries (共享数据): their URL needs the signatures’ secret; the deadline and the cache are bounded', () => {
    const unset = loadConfig({ DATA_DIR: dir }).registries;
    expect(unset).to.deep.equal({ url: '', appId: 'approval-platform', secret: '', timeoutMs: 5000, cacheSeconds: 60 });
    expect(() => loadConfig({ DATA_DIR: dir, REGISTRIES_URL: 'http://127.0.0.1:3106' })).to.throw(ConfigError, /REGISTRIES_SECRET/);
    const set = loadConfig({
      DATA_DIR: dir,
      REGISTRIES_URL: 'http://127.0.0.1:3106/',
      REGISTRIES_SECRET: 'a-secret-of-24-characters',
      SHARED_DATA_CACHE_SECONDS: '0',
    });
    expect(set.registries).to.include({ url: 'http://127.0.0.1:3106', cacheSeconds: 0 });
    expect(() => loadConfig({ DATA_DIR: dir, REGISTRIES_TIMEOUT_MS: '10' })).to.throw(ConfigError, /registries/);
  });

  it('reads who must use a second factor: administrators, analysts and seal users unless told otherwise', () => {
    expect(loadConfig({ DATA_DIR: dir }).accounts.secondFactorRequired).to.deep.equal(['admin', 'security_admin', 'analyst', 'seal_users']);
    expect(loadConfig({ DATA_DIR: dir, SECOND_FACTOR_REQUIRED: 'admin, auditor' }).accounts.secondFactorRequired).to.deep.equal(['admin', 'auditor']);
    expect(loadConfig({ DATA_DIR: dir, SECOND_FACTOR_REQUIRED: 'none' }).accounts.secondFactorRequired).to.deep.equal([]);
    expect(() => loadConfig({ DATA_DIR: dir, SECOND_FACTOR_REQUIRED: 'admin,janitor' })).to.throw(ConfigError, /janitor/);
    expect(loadConfig({ DATA_DIR: dir }).accounts.secondFactorIssuer).to.equal('政务服务平台');
    expect(() => loadConfig({ DATA_DIR: dir, SECOND_FACTOR_ISSUER: 'a:b' })).to.throw(ConfigError, /secondFactorIssuer/);
  });

  it('reads the algorithm of new second factors: RFC 6238 (SHA1) unless SM3 (GM/T 0021) is asked for', () => {
    expect(loadConfig({ DATA_DIR: dir }).accounts.secondFactorAlgorithm).to.equal('SHA1');
    expect(loadConfig({ DATA_DIR: dir, SECOND_FACTOR_ALGORITHM: 'sm3' }).accounts.secondFactorAlgorithm).to.equal('SM3');
    expect(loadConfig({ DATA_DIR: dir, SECOND_FACTOR_ALGORITHM: 'SHA1' }).accounts.secondFactorAlgorithm).to.equal('SHA1');
    expect(() => loadConfig({ DATA_DIR: dir, SECOND_FACTOR_ALGORITHM: 'SHA256' })).to.throw(ConfigError, /secondFactorAlgorithm/);
  });
});
