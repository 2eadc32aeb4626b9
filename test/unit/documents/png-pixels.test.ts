import { expect } from 'chai';
import { deflateSync } from 'node:zlib';
import { decodeIndexedPixels } from '../../../server/documents/png-pixels.ts';
import type { Ihdr } from '../../../server/documents/png-format.ts';

/**
 * A reference encoder for what other tools write: every filter type (rows cycle through 0–4) and
 * Adam7 interlacing, which our own encoder never produces but uploaded seals may use.
 */
function encodeIdat(indices: number[][], bitDepth: number, interlaced: boolean): Buffer {
  const height = indices.length;
  const width = indices[0].length;
  const passes = interlaced
    ? [
        [0, 0, 8, 8],
        [4, 0, 8, 8],
        [0, 4, 4, 8],
        [2, 0, 4, 4],
        [0, 2, 2, 4],
        [1, 0, 2, 2],
        [0, 1, 1, 2],
      ]
    : [[0, 0, 1, 1]];
  const out: number[] = [];
  let rowNumber = 0;
  for (const [x0, y0, dx, dy] of passes) {
    let previous: number[] | undefined;
    for (let y = y0; y < height; y += dy) {
      const samples: number[] = [];
      for (let x = x0; x < width; x += dx) samples.push(indices[y][x]);
      if (samples.length === 0) continue;
      const row = pack(samples, bitDepth);
      const up = previous ?? row.map(() => 0);
      const filter = rowNumber++ % 5;
      out.push(filter, ...row.map((byte, i) => (byte - predictor(filter, i ? row[i - 1] : 0, up[i], i ? up[i - 1] : 0)) & 0xff));
      previous = row;
    }
  }
  return deflateSync(Buffer.from(out));
}

function pack(samples: number[], bitDepth: number): number[] {
  const perByte = 8 / bitDepth;
  const bytes = new Array(Math.ceil(samples.length / perByte)).fill(0);
  samples.forEach((s, i) => (bytes[Math.floor(i / perByte)] |= s << (8 - bitDepth * ((i % perByte) + 1))));
  return bytes;
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
  if (filter === 1) return left;
  if (filter === 2) return up;
  if (filter === 3) return (left + up) >> 1;
  if (filter === 4) {
    const p = left + up - upLeft;
    const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
    return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
  }
  return 0;
}

describe('PNG pixel decoding for the seal check', () => {
  // 13 × 11 so that rows do not fill whole bytes and some Adam7 passes are short
  const width = 13;
  const height = 11;
  const image = (levels: number) => Array.from({ length: height }, (_, y) => Array.from({ length: width }, (_, x) => (x * 7 + y * 3 + ((x * y) % 5)) % levels));

  for (const bitDepth of [1, 2, 4, 8]) {
    for (const interlaced of [false, true]) {
      it(`reads ${bitDepth}-bit indices ${interlaced ? 'interlaced (Adam7)' : 'in sequence'} through every filter type`, () => {
        const indices = image(Math.min(1 << bitDepth, 200));
        const ihdr: Ihdr = { width, height, bitDepth, colourType: 3, interlace: interlaced ? 1 : 0 };
        const decoded = decodeIndexedPixels(ihdr, encodeIdat(indices, bitDepth, interlaced));
        expect(Array.from(decoded)).to.deep.equal(indices.flat());
      });
    }
  }

  it('throws on data shorter than the header promises', () => {
    const ihdr: Ihdr = { width, height, bitDepth: 8, colourType: 3, interlace: 0 };
    const idat = encodeIdat(image(4).slice(0, 5), 8, false);
    expect(() => decodeIndexedPixels(ihdr, idat)).to.throw('image data ends early');
  });
});
