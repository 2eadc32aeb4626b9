import { expect } from 'chai';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { Sequelize } from 'sequelize';
import { migrator } from '../../server/db/migrate.ts';
import { Seal } from '../../server/seals/seal.model.ts';
import { decryptSecret, encryptSecret, isCurrentForm } from '../../server/seals/seal-secrets.ts';
import { resealSealSecrets } from '../../server/seals/reseal-secrets.ts';

/**
 * 密评, seal secrets at rest: SM4-CBC + HMAC-SM3 under SEAL_KEY (server/seals/seal-secrets.ts), the
 * form before (AES-256-GCM) still read and sealed again (server/seals/reseal-secrets.ts).
 */

const KEY = 'a-seal-key-for-the-known-answer-test-of-sm4';
const SEAL = { departmentCode: 'samr', certificateSerial: '4A3F' };
/**
 * Computed with the OpenSSL command line, not with our code: cipher key = HMAC-SM3(KEY,
 * "seal-secret:sm4")[0..16], MAC key = HMAC-SM3(KEY, "seal-secret:mac"), IV 00..0f,
 * `openssl enc -sm4-cbc` of "p12-密码-1", MAC = HMAC-SM3 over "samr|4A3F" | IV | ciphertext.
 */
const SM4_KNOWN = 'ss1.AAECAwQFBgcICQoLDA0OD6iosBrgrPgO3ef8D1mN2nAS4OCDUN4AhIvAO9YHQ7ZoB2mr2HT2PbO9_5aJihODag';
/** A password as the platform stored it before SM4 (AES-256-GCM, IV 00..0b) under LEGACY_KEY. */
const LEGACY_KEY = 'legacy-seal-key-for-the-known-answer-test-0001';
const LEGACY_KNOWN = 'AAECAwQFBgcICQoL4qxHcO6u74s1pdOo5zLP5cM9iym_mZ9pP2t03w';

/** The form before SM4, as the platform wrote it (for rows made in the test). */
function legacyEncrypt(sealKey: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(`approval-seal:${sealKey}`).digest(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

describe('seal secrets: SM4 + HMAC-SM3 at rest (密评)', () => {
  it('opens the known answer computed with OpenSSL', () => {
    expect(decryptSecret(KEY, SM4_KNOWN, SEAL)).to.equal('p12-密码-1');
  });

  it('seals with a fresh IV each time, never in clear, and opens what it sealed', () => {
    const a = encryptSecret(KEY, 'p12-密码-1', SEAL);
    const b = encryptSecret(KEY, 'p12-密码-1', SEAL);
    expect(a).to.match(/^ss1\.[A-Za-z0-9_-]+$/);
    expect(a).not.to.equal(b);
    expect(isCurrentForm(a)).to.equal(true);
    expect(decryptSecret(KEY, a, SEAL)).to.equal('p12-密码-1');
    // IV 16 + one SM4 block + HMAC-SM3 32
    expect(Buffer.from(a.slice(4), 'base64url').length).to.equal(16 + 16 + 32);
  });

  it('refuses a changed value, another seal, another key and a cut value', () => {
    const raw = Buffer.from(SM4_KNOWN.slice(4), 'base64url');
    raw[20]! ^= 1;
    expect(() => decryptSecret(KEY, `ss1.${raw.toString('base64url')}`, SEAL)).to.throw(/authentication failed/);
    expect(() => decryptSecret(KEY, SM4_KNOWN, { ...SEAL, departmentCode: 'tax' })).to.throw(/authentication failed/);
    expect(() => decryptSecret(KEY, SM4_KNOWN, { ...SEAL, certificateSerial: '4A40' })).to.throw(/authentication failed/);
    expect(() => decryptSecret(`${KEY}-other`, SM4_KNOWN, SEAL)).to.throw(/authentication failed/);
    expect(() => decryptSecret(KEY, 'ss1.AAEC', SEAL)).to.throw(/malformed/);
  });

  it('still reads the form before SM4 (AES-256-GCM), and refuses it under another key', () => {
    expect(isCurrentForm(LEGACY_KNOWN)).to.equal(false);
    expect(decryptSecret(LEGACY_KEY, LEGACY_KNOWN, SEAL)).to.equal('p12-密码-1');
    expect(() => decryptSecret(KEY, LEGACY_KNOWN, SEAL)).to.throw();
  });

  describe('sealing the old rows again', () => {
    let sequelize: Sequelize;
    const platform = Seal.sequelize;
    before(async () => {
      sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false, define: { underscored: true } });
      Seal.initModel(sequelize);
      await migrator(sequelize).up();
    });
    after(async () => {
      await sequelize.close();
      // a run that loads this file beside the API tests gets the platform's model back
      if (platform) Seal.initModel(platform);
    });

    const seal = (departmentCode: string, certificateSerial: string, p12Password: string) =>
      Seal.create({
        departmentCode,
        name: `${departmentCode} 电子印章`,
        image: Buffer.from('png'),
        certificateP12: Buffer.from('p12'),
        p12Password,
        certificateSubject: departmentCode,
        certificateSerial,
        validFrom: new Date('2025-01-01T00:00:00Z'),
        validUntil: new Date('2030-01-01T00:00:00Z'),
        users: ['system:seal'],
        createdBy: 'test',
      });

    it('reseals every row in the old form under the same SEAL_KEY, leaves current rows and names those that do not open', async () => {
      const old = await seal('samr', '01', legacyEncrypt(KEY, 'first-password'));
      const current = await seal('tax', '02', encryptSecret(KEY, 'second-password', { departmentCode: 'tax', certificateSerial: '02' }));
      const foreign = await seal('rs', '03', legacyEncrypt('another-seal-key-another-seal-key!!', 'third-password'));
      const currentStored = current.p12Password;

      const outcome = await resealSealSecrets(KEY);
      expect(outcome).to.deep.equal({ resealed: [old.id], failed: [foreign.id] });

      await old.reload();
      await current.reload();
      await foreign.reload();
      expect(isCurrentForm(old.p12Password)).to.equal(true);
      expect(decryptSecret(KEY, old.p12Password, old)).to.equal('first-password');
      expect(current.p12Password, 'a current row is not rewritten').to.equal(currentStored);
      expect(isCurrentForm(foreign.p12Password), 'a row that does not open stays as it was').to.equal(false);

      expect(await resealSealSecrets(KEY), 'nothing left but the one that does not open').to.deep.equal({ resealed: [], failed: [foreign.id] });
    });
  });
});
