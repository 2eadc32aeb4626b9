import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSignature } from './sigv4.ts';

export interface ObjectStoreSandboxOptions {
  /** 0 picks a free port */
  port?: number;
  host?: string;
  /** the buckets that exist (others answer NoSuchBucket) */
  buckets?: string[];
  /** the one key pair it knows (random when not given) */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** the largest object it takes, in bytes */
  maxObjectBytes?: number;
}

export interface SandboxObject {
  bytes: Buffer;
  etag: string;
  lastModified: Date;
}

export interface ObjectStoreSandbox {
  /** the endpoint (http://127.0.0.1:<port>), path-style: /<bucket>/<key> */
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** in-process: what each bucket holds, and what it refused (S3 error codes, oldest first) */
  control: {
    objects(bucket: string): Map<string, SandboxObject>;
    /** makes an empty bucket (a new installation's), unless it exists */
    createBucket(bucket: string): void;
    refusals(): string[];
  };
  close(): Promise<void>;
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';

class S3Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly resource = '',
  ) {
    super(message);
  }
}

/**
 * A sandbox S3-compatible object store (the subset the platform uses: PUT with If-None-Match,
 * GET, HEAD, ListObjectsV2; path-style addressing). Every request must carry a valid AWS Signature
 * V4 with the payload's SHA-256 signed; a body that does not match its signed hash, or that stops
 * short, is refused and never stored. Errors are S3's XML (NoSuchKey, NoSuchBucket,
 * SignatureDoesNotMatch, InvalidAccessKeyId, PreconditionFailed, …). Objects live in memory.
 */
export async function startObjectStoreSandbox(options: ObjectStoreSandboxOptions = {}): Promise<ObjectStoreSandbox> {
  const region = 'cn-sandbox-1';
  const accessKeyId = options.accessKeyId ?? `SANDBOX${randomBytes(6).toString('hex').toUpperCase()}`;
  const secretAccessKey = options.secretAccessKey ?? randomBytes(30).toString('base64url');
  const maxBytes = options.maxObjectBytes ?? 64 * 1024 * 1024;
  const buckets = new Map<string, Map<string, SandboxObject>>((options.buckets ?? ['approval']).map((b) => [b, new Map()]));
  const refusals: string[] = [];

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) reject(new S3Refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'));
        else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('aborted', () =>
        reject(new S3Refusal(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header')),
      );
      req.on('error', reject);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    const check = checkSignature({ method: req.method ?? 'GET', url, headers: req.headers }, (id) => (id === accessKeyId ? secretAccessKey : undefined));
    if (!check.ok) throw new S3Refusal(check.code === 'AuthorizationHeaderMalformed' ? 400 : 403, check.code, check.message, path);
    const [, bucketName = '', ...rest] = path.split('/');
    const key = rest.map((s) => decodeURIComponent(s)).join('/');
    const bucket = buckets.get(decodeURIComponent(bucketName));
    if (!bucket) throw new S3Refusal(404, 'NoSuchBucket', 'The specified bucket does not exist', path);

    if (!key) {
      if (req.method !== 'GET' || query.get('list-type') !== '2')
        throw new S3Refusal(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', path);
      const prefix = query.get('prefix') ?? '';
      const max = Math.min(Number(query.get('max-keys') ?? 1000) || 1000, 1000);
      const after = query.get('continuation-token') ?? '';
      const keys = [...bucket.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
      const page = keys.slice(0, max);
      const truncated = keys.length > max;
      const contents = page
        .map((k) => {
          const o = bucket.get(k)!;
          return `<Contents><Key>${escapeXml(k)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>&quot;${o.etag}&quot;</ETag><Size>${o.bytes.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
        })
        .join('');
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      res.end(
        `${XML}<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(bucketName)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${
          truncated ? `<NextContinuationToken>${escapeXml(page[page.length - 1]!)}</NextContinuationToken>` : ''
        }${contents}</ListBucketResult>`,
      );
      return;
    }

    if (req.method === 'PUT') {
      if (!/^[0-9a-f]{64}$/.test(check.payloadHash))
        throw new S3Refusal(400, 'InvalidRequest', 'The sandbox takes signed payloads only (X-Amz-Content-Sha256 the body’s SHA-256)', path);
      const body = await readBody(req);
      if (createHash('sha256').update(body).digest('hex') !== check.payloadHash)
        throw new S3Refusal(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", path);
      if (req.headers['if-none-match'] === '*' && bucket.has(key))
        throw new S3Refusal(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', path);
      const etag = createHash('md5').update(body).digest('hex');
      bucket.set(key, { bytes: body, etag, lastModified: new Date() });
      res.writeHead(200, { ETag: `"${etag}"` });
      res.end();
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const o = bucket.get(key);
      if (!o) throw new S3Refusal(404, 'NoSuchKey', 'The specified key does not exist.', path);
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': o.bytes.length,
        ETag: `"${o.etag}"`,
        'Last-Modified': o.lastModified.toUTCString(),
      });
      res.end(req.method === 'GET' ? o.bytes : undefined);
      return;
    }
    throw new S3Refusal(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', path);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const refusal = err instanceof S3Refusal ? err : new S3Refusal(500, 'InternalError', 'We encountered an internal error. Please try again.');
      if (!(err instanceof S3Refusal)) console.error('object store sandbox: unexpected error', err);
      refusals.push(refusal.code);
      if (res.headersSent || res.destroyed) return;
      const requestId = randomUUID();
      const body = `${XML}<Error><Code>${refusal.code}</Code><Message>${escapeXml(refusal.message)}</Message><Resource>${escapeXml(refusal.resource)}</Resource><RequestId>${requestId}</RequestId></Error>`;
      res.writeHead(refusal.status, { 'Content-Type': 'application/xml', 'x-amz-request-id': requestId, Connection: 'close' });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    region,
    accessKeyId,
    secretAccessKey,
    control: {
      objects(name) {
        const bucket = buckets.get(name);
        if (!bucket) throw new Error(`no bucket ${name}`);
        return bucket;
      },
      createBucket(name) {
        if (!buckets.has(name)) buckets.set(name, new Map());
      },
      refusals: () => [...refusals],
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
