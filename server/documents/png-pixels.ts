import { inflateSync } from 'node:zlib';
import type { Ihdr } from './png-format.ts';

/** Adam7 passes: start column, start row, column step, row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * The palette index of every pixel of an indexed PNG (row by row), so the seal check can measure
 * the impression itself rather than the canvas around it. Throws when the data is not what IHDR
 * promises; the caller turns that into a problem.
 */
export function decodeIndexedPixels(ihdr: Ihdr, idat: Buffer): Uint8Array {
  const { width, height, bitDepth } = ihdr;
  // one filter byte per row; the interlaced passes add at most a few bytes per row
  const expected = height * (Math.ceil((width * bitDepth) / 8) + 1) * 2 + 64;
  const raw = inflateSync(idat, { maxOutputLength: expected });
  const out = new Uint8Array(width * height);
  const passes = ihdr.interlace === 1 ? ADAM7 : ([[0, 0, 1, 1]] as const);
  let at = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const passWidth = Math.ceil((width - x0) / dx);
    const passHeight = Math.ceil((height - y0) / dy);
    if (passWidth <= 0 || passHeight <= 0) continue;
    const rowBytes = Math.ceil((passWidth * bitDepth) / 8);
    let previous: Uint8Array = new Uint8Array(rowBytes);
    for (let row = 0; row < passHeight; row++) {
      if (at + 1 + rowBytes > raw.length) throw new Error('image data ends early');
      const line = unfilter(raw[at], raw.subarray(at + 1, at + 1 + rowBytes), previous, Math.max(1, bitDepth >> 3));
      at += 1 + rowBytes;
      for (let col = 0; col < passWidth; col++) {
        out[(y0 + row * dy) * width + x0 + col * dx] = sample(line, col, bitDepth);
      }
      previous = line;
    }
  }
  return out;
}

function sample(line: Uint8Array, index: number, bitDepth: number): number {
  if (bitDepth === 8) return line[index];
  const perByte = 8 / bitDepth;
  const byte = line[Math.floor(index / perByte)];
  const shift = 8 - bitDepth * ((index % perByte) + 1);
  return (byte >> shift) & ((1 << bitDepth) - 1);
}

/** Reverses one scanline's filter (PNG spec §9); `bpp` is bytes per complete pixel, at least 1. */
function unfilter(type: number, line: Uint8Array, previous: Uint8Array, bpp: number): Uint8Array {
  const out = new Uint8Array(line.length);
  for (let i = 0; i < line.length; i++) {
    const left = i >= bpp ? out[i - bpp] : 0;
    const up = previous[i];
    const upLeft = i >= bpp ? previous[i - bpp] : 0;
    let predictor: number;
    switch (type) {
      case 0:
        predictor = 0;
        break;
      case 1:
        predictor = left;
        break;
      case 2:
        predictor = up;
        break;
      case 3:
        predictor = (left + up) >> 1;
        break;
      case 4:
        predictor = paeth(left, up, upLeft);
        break;
      default:
        throw new Error(`unknown filter type ${type}`);
    }
    out[i] = (line[i] + predictor) & 0xff;
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}
