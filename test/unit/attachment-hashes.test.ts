import { expect } from 'chai';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequelize } from 'sequelize';
import { migrator } from '../../server/db/migrate.ts';
import { Attachment } from '../../server/attachments/attachment.model.ts';
import { attachmentIntact, hashesOf, hashStoredFile } from '../../server/attachments/file-hashes.ts';
import { backfillAttachmentSm3 } from '../../server/attachments/backfill-sm3.ts';
import { DirectoryStore } from '../../server/storage/index.ts';

/** 密评, materials: SM3 the integrity hash the platform checks, SHA-256 kept for outside parties. */

/** 3,000,000 × "a", hashed with the OpenSSL command line (`openssl dgst -sm3` / `-sha256`): a file read in many chunks. */
const MILLIONS_OF_A = {
  sm3: 'e40f06f533f5207a993b8cd44de7122f565a65781a014f3702e60cf94ab054bf',
  sha256: '2a152c894398719c0570f83fac34ac03a0f6e8e474b995c2403aa5434f7b9dd4',
};

describe('materials: SM3 integrity hash (密评)', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'attachment-hashes-'));
    mkdirSync(join(dataDir, 'attachments', 'ab'), { recursive: true });
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  const file = (name: string, bytes: Buffer | string) => {
    writeFileSync(join(dataDir, 'attachments', 'ab', name), bytes);
    return join('ab', name);
  };

  it('hashes with SM3 as GB/T 32905 Appendix A gives it, and with SHA-256', () => {
    expect(hashesOf(Buffer.from('abc')).sm3).to.equal('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(hashesOf(Buffer.from('abcd'.repeat(16))).sm3).to.equal('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
    expect(hashesOf(Buffer.from('abc')).sha256).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes a stored file as a stream, both hashes in one pass', async () => {
    const key = file('big', Buffer.alloc(3_000_000, 'a'));
    expect(await hashStoredFile(new DirectoryStore(dataDir), key, ['sm3', 'sha256'])).to.deep.equal(MILLIONS_OF_A);
    expect(await hashStoredFile(new DirectoryStore(dataDir), key, ['sm3'])).to.deep.equal({ sm3: MILLIONS_OF_A.sm3 });
  });

  it('checks a file by its SM3, one from before SM3 by its SHA-256, and finds a changed or missing file not intact', async () => {
    const key = file('checked', 'abc');
    const { sha256, sm3 } = hashesOf(Buffer.from('abc'));
    expect(await attachmentIntact(new DirectoryStore(dataDir), { storageKey: key, sha256, sm3 })).to.equal(true);
    expect(await attachmentIntact(new DirectoryStore(dataDir), { storageKey: key, sha256, sm3: null }), 'from before SM3').to.equal(true);
    expect(await attachmentIntact(new DirectoryStore(dataDir), { storageKey: key, sha256, sm3: '0'.repeat(64) }), 'its SM3 is what counts').to.equal(false);
    expect(
      await attachmentIntact(new DirectoryStore(dataDir), { storageKey: key, sha256: '0'.repeat(64), sm3 }),
      'not its SHA-256 once it has an SM3',
    ).to.equal(true);
    appendFileSync(join(dataDir, 'attachments', key), 'tampered');
    expect(await attachmentIntact(new DirectoryStore(dataDir), { storageKey: key, sha256, sm3 })).to.equal(false);
    expect(await attachmentIntact(new DirectoryStore(dataDir), { storageKey: key, sha256, sm3: null })).to.equal(false);
    expect(await attachmentIntact(new DirectoryStore(dataDir), { storageKey: join('ab', 'nowhere'), sha256, sm3 })).to.equal(false);
  });

  describe('filling the SM3 of files stored before it (npm run attachments:sm3)', () => {
    let sequelize: Sequelize;
    const platform = Attachment.sequelize;
    before(async () => {
      sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false, define: { underscored: true, timestamps: false } });
      Attachment.initModel(sequelize);
      await migrator(sequelize).up();
      // the uploader the rows name (attachments.uploaded_by references users)
      await sequelize.query(
        `INSERT INTO users (id, username, display_name, password_hash, roles, active, created_at, updated_at) VALUES (1, 'uploader', '张三', 'x', '[]', 1, datetime('now'), datetime('now'))`,
      );
    });
    after(async () => {
      await sequelize.close();
      if (platform) Attachment.initModel(platform);
    });

    const row = (id: string, storageKey: string, sha256: string, sm3: string | null) =>
      Attachment.create({ id, originalName: `${id}.pdf`, mimeType: 'application/pdf', sizeBytes: 3, sha256, sm3, storageKey, uploadedBy: 1 });

    it('fills the rows whose file still matches its SHA-256, never an altered or missing one, and leaves filled rows alone', async () => {
      const abc = hashesOf(Buffer.from('abc'));
      await row('00000000-0000-4000-8000-000000000001', file('intact', 'abc'), abc.sha256, null);
      const altered = file('altered', 'abc');
      await row('00000000-0000-4000-8000-000000000002', altered, abc.sha256, null);
      appendFileSync(join(dataDir, 'attachments', altered), '!');
      await row('00000000-0000-4000-8000-000000000003', join('ab', 'missing'), abc.sha256, null);
      await row('00000000-0000-4000-8000-000000000004', file('current', 'abc'), abc.sha256, 'f'.repeat(64));

      expect(await backfillAttachmentSm3(new DirectoryStore(dataDir))).to.deep.equal({
        filled: 1,
        refused: [
          { id: '00000000-0000-4000-8000-000000000002', reason: 'sha256_mismatch' },
          { id: '00000000-0000-4000-8000-000000000003', reason: 'missing' },
        ],
      });
      const sm3s = (await Attachment.findAll({ order: [['id', 'ASC']] })).map((a) => a.sm3);
      expect(sm3s).to.deep.equal([abc.sm3, null, null, 'f'.repeat(64)]);
      expect((await backfillAttachmentSm3(new DirectoryStore(dataDir))).filled, 'nothing left to fill').to.equal(0);
    });
  });
});
