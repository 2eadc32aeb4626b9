import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import aws4 from 'aws4';
import { DirectoryStore, ObjectMissing, S3Error, S3Store, type ObjectStore } from '../../server/storage/index.ts';
import { startObjectStoreSandbox, type ObjectStoreSandbox } from '../../server/gateways/object-store/index.ts';

const text = async (store: ObjectStore, key: string) => (await store.read(key)).toString('utf8');
const all = async (store: ObjectStore, prefix?: string) => {
  const out = [];
  for await (const o of store.list(prefix)) out.push(o);
  return out;
};

/** What both stores must do: write once, read back, say missing, list, and never show half a write. */
function behavesAsAStore(make: () => ObjectStore) {
  it('keeps an object once: a second write of its key changes nothing', async () => {
    const store = make();
    expect(await store.putOnce('documents/ab/one.pdf', Buffer.from('first'))).to.equal(true);
    expect(await store.putOnce('documents/ab/one.pdf', Buffer.from('second'))).to.equal(false);
    expect(await text(store, 'documents/ab/one.pdf')).to.equal('first');
    expect(await store.size('documents/ab/one.pdf')).to.equal(5);
  });

  it('lets exactly one of several simultaneous writes of one key win', async () => {
    const store = make();
    const outcomes = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((v) => store.putOnce('attachments/cd/race', Buffer.from(v.repeat(100_000)))));
    expect(outcomes.filter(Boolean)).to.have.length(1);
    const kept = await text(store, 'attachments/cd/race');
    expect(kept).to.equal(kept[0]!.repeat(100_000));
  });

  it('says a missing key is missing (read, stream, size)', async () => {
    const store = make();
    for (const read of [() => store.read('attachments/zz/none'), () => store.stream('attachments/zz/none')]) {
      const err = await read().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(ObjectMissing);
    }
    expect(await store.size('attachments/zz/none')).to.equal(undefined);
  });

  it('streams an object and lists the objects under a prefix, in key order', async () => {
    const store = make();
    await store.putOnce('attachments/01/b', Buffer.from('bb'));
    await store.putOnce('attachments/01/a', Buffer.from('a'));
    await store.putOnce('documents/01/c.pdf', Buffer.from('ccc'));
    const chunks: Buffer[] = [];
    for await (const chunk of await store.stream('attachments/01/b')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).to.equal('bb');
    expect(await all(store, 'attachments/01/')).to.deep.equal([
      { key: 'attachments/01/a', size: 1 },
      { key: 'attachments/01/b', size: 2 },
    ]);
    expect((await all(store, 'documents/')).map((o) => o.key)).to.include('documents/01/c.pdf');
  });

  it('refuses a key that could leave its namespace', async () => {
    const store = make();
    for (const key of ['../secrets.json', 'attachments/../app.sqlite', '/etc/passwd', 'a//b', 'attachments/x.part', 'a b', '']) {
      const err = await store.putOnce(key, Buffer.from('x')).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err?.message, key).to.match(/not a storage key/);
    }
  });
}

describe('storage: files every node reaches (server/storage)', () => {
  describe('a directory', () => {
    let root: string;
    beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'storage-dir-'))));
    afterEach(() => rmSync(root, { recursive: true, force: true }));
    behavesAsAStore(() => new DirectoryStore(root));

    it('never shows a write cut short: what a crash leaves is a .part file, not the object', async () => {
      const store = new DirectoryStore(root);
      await store.putOnce('attachments/ab/kept', Buffer.from('x'));
      // a node died while writing: its temporary file is there, the object's name is not
      writeFileSync(join(root, 'attachments', 'ab', 'half.3f2a.part'), 'half of it');
      expect(await store.size('attachments/ab/half')).to.equal(undefined);
      expect((await all(store)).map((o) => o.key)).to.deep.equal(['attachments/ab/kept']);
      // and a finished write leaves no temporary file behind
      expect(readdirSync(join(root, 'attachments', 'ab')).filter((n) => n.endsWith('.part'))).to.deep.equal(['half.3f2a.part']);
      expect(await store.putOnce('attachments/ab/half', Buffer.from('whole'))).to.equal(true);
      expect(await text(store, 'attachments/ab/half')).to.equal('whole');
    });
  });

  describe('an S3-compatible object store (the sandbox: SigV4 checked, S3 XML errors)', () => {
    let sandbox: ObjectStoreSandbox;
    let bucket = 0;
    const settings = (name: string) => ({
      endpoint: sandbox.url,
      bucket: name,
      region: sandbox.region,
      accessKeyId: sandbox.accessKeyId,
      secretAccessKey: sandbox.secretAccessKey,
    });
    const names = Array.from({ length: 12 }, (_, i) => `bucket-${i}`);
    before(async () => (sandbox = await startObjectStoreSandbox({ buckets: names })));
    after(() => sandbox.close());
    behavesAsAStore(() => new S3Store(settings(names[bucket++]!)));

    it('refuses a wrong secret, an unknown key id and an unsigned request, with S3 error codes', async () => {
      const wrong = new S3Store({ ...settings(names[10]!), secretAccessKey: 'not-the-secret' });
      const stranger = new S3Store({ ...settings(names[10]!), accessKeyId: 'AKIDUNKNOWN' });
      for (const [store, code] of [
        [wrong, 'SignatureDoesNotMatch'],
        [stranger, 'InvalidAccessKeyId'],
      ] as const) {
        const err = await store.putOnce('documents/aa/x.pdf', Buffer.from('x')).then(
          () => undefined,
          (e: unknown) => e as S3Error,
        );
        expect(err).to.be.instanceOf(S3Error);
        expect(err!.status).to.equal(403);
        expect(err!.code).to.equal(code);
      }
      const anonymous = await fetch(`${sandbox.url}/${names[10]}/documents/aa/x.pdf`);
      expect(anonymous.status).to.equal(403);
      expect(await anonymous.text()).to.contain('<Code>AccessDenied</Code>');
      expect(sandbox.control.objects(names[10]!).size).to.equal(0);
    });

    it('answers NoSuchKey and NoSuchBucket as S3 does', async () => {
      const res = await fetch(`${sandbox.url}/${names[10]}/none`, {
        headers: aws4.sign(
          {
            host: new URL(sandbox.url).host,
            path: `/${names[10]}/none`,
            service: 's3',
            region: sandbox.region,
            headers: { 'X-Amz-Content-Sha256': createHash('sha256').digest('hex') },
          },
          { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
        ).headers as Record<string, string>,
      });
      expect(res.status).to.equal(404);
      expect(await res.text()).to.match(/<Code>NoSuchKey<\/Code>/);
      const err = await new S3Store(settings('no-such-bucket')).putOnce('a/b', Buffer.from('x')).then(
        () => undefined,
        (e: unknown) => e as S3Error,
      );
      expect(err?.code).to.equal('NoSuchBucket');
    });

    it('stores nothing of a body cut short or not matching its signed hash', async () => {
      const name = names[11]!;
      const { host, hostname, port } = new URL(sandbox.url);
      const whole = Buffer.alloc(200_000, 'w');
      const signed = (body: Buffer, key: string) =>
        aws4.sign(
          {
            method: 'PUT',
            host,
            path: `/${name}/${key}`,
            service: 's3',
            region: sandbox.region,
            body,
            headers: { 'X-Amz-Content-Sha256': createHash('sha256').update(body).digest('hex') },
          },
          { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
        );
      // the connection drops after half of the body
      await new Promise<void>((resolve) => {
        const req = request({ hostname, port, method: 'PUT', path: `/${name}/documents/aa/cut.pdf`, headers: signed(whole, 'documents/aa/cut.pdf').headers });
        req.on('error', () => resolve());
        req.write(whole.subarray(0, 100_000), () => setTimeout(() => req.destroy(), 100));
        req.on('close', () => resolve());
      });
      // a body other than the one signed
      const other = signed(whole, 'documents/aa/other.pdf');
      const res = await fetch(`${sandbox.url}/${name}/documents/aa/other.pdf`, {
        method: 'PUT',
        headers: other.headers as Record<string, string>,
        body: Buffer.alloc(200_000, 'x'),
      });
      expect(res.status).to.equal(400);
      expect(await res.text()).to.contain('XAmzContentSHA256Mismatch');
      await new Promise((r) => setTimeout(r, 200));
      expect([...sandbox.control.objects(name).keys()]).to.deep.equal([]);
      expect(sandbox.control.refusals()).to.include.members(['IncompleteBody', 'XAmzContentSHA256Mismatch']);
      const store = new S3Store(settings(name));
      expect(await store.size('documents/aa/cut.pdf')).to.equal(undefined);
    });

    it('lists past a page of a thousand keys', async () => {
      const store = new S3Store(settings(names[11]!));
      const bucketObjects = sandbox.control.objects(names[11]!);
      for (let i = 0; i < 1005; i++)
        bucketObjects.set(`attachments/p/${String(i).padStart(4, '0')}`, { bytes: Buffer.from('x'), etag: 'e', lastModified: new Date() });
      const listed = await all(store, 'attachments/p/');
      expect(listed).to.have.length(1005);
      expect(listed[1004]!.key).to.equal('attachments/p/1004');
    });
  });
});
