import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import aws4 from 'aws4';
import { checkedKey, ObjectMissing, type ObjectStore, type StoredObject } from './object-store.ts';

export interface S3Settings {
  /** http(s)://host[:port] of the S3-compatible service (path-style requests: /<bucket>/<key>) */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** An S3 error answer: its HTTP status and S3's code (NoSuchKey, SignatureDoesNotMatch, …). */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

const xmlText = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
const tag = (xml: string, name: string) => {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m ? xmlText(m[1]!) : undefined;
};

async function bodyOf(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Objects in a bucket of an S3-compatible store (AWS S3, MinIO, Ceph RGW, the clouds' OSS/COS with
 * their S3 endpoints), every request signed with AWS Signature V4 (aws4), the payload's SHA-256
 * signed with it: a body cut short is refused by the store, and a PUT is visible only once whole.
 * Write-once is the conditional PUT (`If-None-Match: *`, 412 when the key exists), which the store
 * must support (AWS S3 since 2024, MinIO, Ceph RGW).
 */
export class S3Store implements ObjectStore {
  private readonly url: URL;

  constructor(private readonly settings: S3Settings) {
    this.url = new URL(settings.endpoint);
  }

  get location(): string {
    return `${this.url.origin}/${this.settings.bucket}`;
  }

  private async send(method: string, path: string, options: { body?: Buffer; headers?: Record<string, string> } = {}): Promise<IncomingMessage> {
    const body = options.body ?? Buffer.alloc(0);
    const { hostname, port, protocol } = this.url;
    const signed = aws4.sign(
      {
        method,
        host: this.url.host,
        path,
        service: 's3',
        region: this.settings.region,
        body,
        headers: { ...options.headers, 'Content-Type': 'application/octet-stream', 'X-Amz-Content-Sha256': aws4Hash(body) },
      },
      { accessKeyId: this.settings.accessKeyId, secretAccessKey: this.settings.secretAccessKey },
    );
    const send = protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send({ hostname, port: port || undefined, method, path, headers: signed.headers }, resolve);
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${this.location}${path}: no answer in 60 s`)));
      req.end(body);
    });
  }

  private objectPath(key: string): string {
    return `/${encodeURIComponent(this.settings.bucket)}/${checkedKey(key)}`;
  }

  private async fail(res: IncomingMessage, what: string): Promise<never> {
    const xml = (await bodyOf(res)).toString('utf8');
    const code = tag(xml, 'Code') ?? `HTTP${res.statusCode}`;
    throw new S3Error(res.statusCode ?? 0, code, `${what}: ${code} ${tag(xml, 'Message') ?? ''}`.trim());
  }

  async putOnce(key: string, bytes: Buffer): Promise<boolean> {
    const res = await this.send('PUT', this.objectPath(key), { body: bytes, headers: { 'If-None-Match': '*' } });
    if (res.statusCode === 200) {
      res.resume();
      return true;
    }
    if (res.statusCode === 412 || res.statusCode === 409) {
      res.resume(); // 412 PreconditionFailed: the key holds an object; 409: a concurrent write of it won
      return false;
    }
    return this.fail(res, `PUT ${key}`);
  }

  async stream(key: string): Promise<Readable> {
    const res = await this.send('GET', this.objectPath(key));
    if (res.statusCode === 200) return res;
    if (res.statusCode === 404) {
      const xml = (await bodyOf(res)).toString('utf8');
      if (tag(xml, 'Code') === 'NoSuchKey') throw new ObjectMissing(key);
      throw new S3Error(404, tag(xml, 'Code') ?? 'HTTP404', `GET ${key}: ${tag(xml, 'Code')} ${tag(xml, 'Message') ?? ''}`);
    }
    return this.fail(res, `GET ${key}`);
  }

  async read(key: string): Promise<Buffer> {
    const res = await this.stream(key);
    return bodyOf(res as IncomingMessage);
  }

  async size(key: string): Promise<number | undefined> {
    const res = await this.send('HEAD', this.objectPath(key));
    res.resume();
    if (res.statusCode === 200) return Number(res.headers['content-length']);
    if (res.statusCode === 404) return undefined;
    throw new S3Error(res.statusCode ?? 0, `HTTP${res.statusCode}`, `HEAD ${key}: HTTP ${res.statusCode}`);
  }

  async *list(prefix = ''): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ 'list-type': '2', prefix });
      if (token) query.set('continuation-token', token);
      const res = await this.send('GET', `/${encodeURIComponent(this.settings.bucket)}?${query.toString().replace(/\+/g, '%20')}`);
      if (res.statusCode !== 200) await this.fail(res, `list ${prefix}`);
      const xml = (await bodyOf(res)).toString('utf8');
      for (const m of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = tag(m[1]!, 'Key');
        if (key !== undefined) yield { key, size: Number(tag(m[1]!, 'Size') ?? 0) };
      }
      token = tag(xml, 'IsTruncated') === 'true' ? tag(xml, 'NextContinuationToken') : undefined;
    } while (token);
  }
}

function aws4Hash(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
