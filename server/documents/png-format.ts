import { crc32, deflateSync } from 'node:zlib';

/**
 * The PNG container (RFC 2083 / ISO 15948): signature, then chunks of length, type, data and a CRC
 * over type and data. Small enough to read and write here, which lets the seal check say exactly
 * which rule a file breaks instead of what a decoder happened to complain about.
 */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngChunk {
  type: string;
  data: Buffer;
}

export interface Ihdr {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
}

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export type ChunkReading = { ok: true; chunks: PngChunk[] } | { ok: false; reason: string; en: string };

/** Splits a PNG into its chunks, checking every length and CRC and that it ends with IEND. */
export function readChunks(png: Buffer): ChunkReading {
  const chunks: PngChunk[] = [];
  let at = PNG_SIGNATURE.length;
  while (at < png.length) {
    if (at + 12 > png.length) return { ok: false, reason: `第${chunks.length + 1}个数据块不完整`, en: `chunk ${chunks.length + 1} is cut short` };
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type)) return { ok: false, reason: `数据块类型无效（偏移${at}）`, en: `invalid chunk type at offset ${at}` };
    if (end > png.length) return { ok: false, reason: `数据块${type}不完整，文件可能被截断`, en: `chunk ${type} is cut short; the file may be truncated` };
    const crc = png.readUInt32BE(end - 4);
    if (crc32(png.subarray(at + 4, end - 4)) !== crc) return { ok: false, reason: `数据块${type}校验码（CRC）错误`, en: `chunk ${type} fails its CRC` };
    chunks.push({ type, data: png.subarray(at + 8, end - 4) });
    at = end;
    if (type === 'IEND') break;
  }
  if (chunks.at(-1)?.type !== 'IEND') return { ok: false, reason: '缺少结束块IEND，文件可能被截断', en: 'no IEND chunk; the file may be truncated' };
  if (chunks[0]?.type !== 'IHDR' || chunks[0].data.length !== 13) return { ok: false, reason: '缺少有效的文件头块IHDR', en: 'no valid IHDR chunk first' };
  return { ok: true, chunks };
}

export function parseIhdr(data: Buffer): Ihdr {
  return {
    width: data.readUInt32BE(0),
    height: data.readUInt32BE(4),
    bitDepth: data[8],
    colourType: data[9],
    interlace: data[12],
  };
}

/** PLTE entries with their alpha from tRNS (entries tRNS does not cover are opaque). */
export function parsePalette(plte: Buffer, trns: Buffer | undefined): Rgba[] {
  const palette: Rgba[] = [];
  for (let i = 0; i + 2 < plte.length; i += 3) {
    palette.push({ r: plte[i], g: plte[i + 1], b: plte[i + 2], a: trns && i / 3 < trns.length ? trns[i / 3] : 255 });
  }
  return palette;
}

export function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function writeChunks(chunks: PngChunk[]): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ...chunks.map((c) => chunk(c.type, c.data))]);
}

/** A pHYs chunk body: pixels per metre in x and y, unit metre. */
export function physData(pixelsPerMetre: number): Buffer {
  const data = Buffer.alloc(9);
  data.writeUInt32BE(pixelsPerMetre, 0);
  data.writeUInt32BE(pixelsPerMetre, 4);
  data[8] = 1;
  return data;
}

export const dpiToPixelsPerMetre = (dpi: number) => Math.round(dpi / 0.0254);

export interface PngImage {
  width: number;
  height: number;
  /** 0 grey, 2 RGB, 3 indexed, 4 grey+alpha, 6 RGBA */
  colourType: 0 | 2 | 3 | 4 | 6;
  bitDepth: 1 | 2 | 4 | 8;
  /** one row of packed samples per scanline, without the filter byte */
  rows: Buffer[];
  palette?: Rgba[];
  dpi?: number;
}

/** Encodes a non-interlaced PNG; every row is written with filter 0, which deflate handles well for flat seal art. */
export function encodePng(image: PngImage): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(image.width, 0);
  ihdr.writeUInt32BE(image.height, 4);
  ihdr[8] = image.bitDepth;
  ihdr[9] = image.colourType;
  const chunks: PngChunk[] = [{ type: 'IHDR', data: ihdr }];
  if (image.dpi) chunks.push({ type: 'pHYs', data: physData(dpiToPixelsPerMetre(image.dpi)) });
  if (image.palette) {
    chunks.push({ type: 'PLTE', data: Buffer.from(image.palette.flatMap((c) => [c.r, c.g, c.b])) });
    if (image.palette.some((c) => c.a !== 255)) chunks.push({ type: 'tRNS', data: Buffer.from(image.palette.map((c) => c.a)) });
  }
  const raw = Buffer.concat(image.rows.flatMap((row) => [Buffer.from([0]), row]));
  chunks.push({ type: 'IDAT', data: deflateSync(raw, { level: 9 }) });
  chunks.push({ type: 'IEND', data: Buffer.alloc(0) });
  return writeChunks(chunks);
}
