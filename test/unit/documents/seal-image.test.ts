import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { checkSealImage, makeDemoSealImage } from '../../../server/documents/index.ts';
import type { Checked, SealImageInfo } from '../../../server/documents/index.ts';
import { encodePng, physData, readChunks, writeChunks } from '../../../server/documents/png-format.ts';
import type { PngChunk } from '../../../server/documents/png-format.ts';
import { sealForPdfkit } from '../../../server/documents/seal-for-pdf.ts';

const seal = makeDemoSealImage('长沙市行政审批服务局');

function chunksOf(png: Buffer): PngChunk[] {
  const reading = readChunks(png);
  if (!reading.ok) throw new Error(reading.en);
  return reading.chunks;
}

/** The same image with its chunks changed by `edit`, CRCs recomputed. */
function edited(png: Buffer, edit: (chunks: PngChunk[]) => PngChunk[]): Buffer {
  return writeChunks(edit(chunksOf(png)));
}

function codes(checked: Checked<SealImageInfo>): string[] {
  return checked.ok ? [] : checked.problems.map((p) => p.code);
}

function messages(checked: Checked<SealImageInfo>): string {
  return checked.ok ? '' : checked.problems.map((p) => p.message).join(' | ');
}

/** A filled disc 42 mm across at 600 DPI, in the given PNG form, to test colour rules apart from drawing. */
function disc(form: 'rgb' | 'palette3' | 'black'): Buffer {
  const size = 1000;
  const inside = (x: number, y: number) => (x - 500) ** 2 + (y - 500) ** 2 <= 496 ** 2;
  if (form === 'rgb') {
    const rows = Array.from({ length: size }, (_, y) => {
      const row = Buffer.alloc(size * 3, 255);
      for (let x = 0; x < size; x++) if (inside(x, y)) row.set([230, 0, 18], x * 3);
      return row;
    });
    return encodePng({ width: size, height: size, colourType: 2, bitDepth: 8, rows, dpi: 600 });
  }
  const palette = [
    { r: 255, g: 255, b: 255, a: 0 },
    form === 'black' ? { r: 0, g: 0, b: 0, a: 255 } : { r: 230, g: 0, b: 18, a: 255 },
    ...(form === 'palette3' ? [{ r: 120, g: 0, b: 10, a: 255 }] : []),
  ];
  const rows = Array.from({ length: size }, (_, y) =>
    Buffer.from(Array.from({ length: size }, (_, x) => (inside(x, y) ? (form === 'palette3' && x > 500 ? 2 : 1) : 0))),
  );
  return encodePng({ width: size, height: size, colourType: 3, bitDepth: 8, palette, rows, dpi: 600 });
}

describe('seal image rule (seed 001: PNG8, 2 colours, 600 DPI, true size, < 30 KB)', () => {
  it('passes the demo seal and measures it at its true size', () => {
    const checked = checkSealImage(seal);
    expect(checked.ok, messages(checked)).to.equal(true);
    if (!checked.ok) return;
    expect(checked.info.bitDepth).to.equal(1);
    expect(checked.info.palette).to.have.length(2);
    expect(checked.info.ground).to.equal('transparent');
    expect(checked.info.ink).to.deep.equal({ r: 230, g: 0, b: 18, a: 255 });
    expect(checked.info.sealWidthMm).to.be.closeTo(42, 0.2);
    expect(checked.info.sealHeightMm).to.be.closeTo(42, 0.2);
    expect(checked.info.bytes).to.be.below(30 * 1024);
  });

  it('passes the same seal widened to 8 bits a pixel, pixel for pixel', () => {
    const wide = sealForPdfkit(seal);
    const checked = checkSealImage(wide);
    expect(checked.ok, messages(checked)).to.equal(true);
    const original = checkSealImage(seal);
    if (!checked.ok || !original.ok) return;
    expect(checked.info.bitDepth).to.equal(8);
    expect(checked.info.box).to.deep.equal(original.info.box);
  });

  it('refuses a 72-DPI image and says which resolution it found', () => {
    const at72 = edited(seal, (chunks) => chunks.map((c) => (c.type === 'pHYs' ? { type: 'pHYs', data: physData(2835) } : c)));
    const checked = checkSealImage(at72);
    expect(codes(checked)).to.deep.equal(['seal_dpi']);
    expect(messages(checked)).to.equal('印章图片分辨率须为600 DPI，当前为72 DPI');
  });

  it('refuses an image that declares no resolution', () => {
    const checked = checkSealImage(edited(seal, (chunks) => chunks.filter((c) => c.type !== 'pHYs')));
    expect(codes(checked)).to.deep.equal(['seal_dpi']);
    expect(messages(checked)).to.contain('未标注分辨率');
  });

  it('refuses a truecolour (RGB) image', () => {
    const checked = checkSealImage(disc('rgb'));
    expect(codes(checked)).to.include('seal_colour_type');
    expect(messages(checked)).to.contain('真彩色（RGB）');
  });

  it('refuses a palette of three colours', () => {
    const checked = checkSealImage(disc('palette3'));
    expect(codes(checked)).to.deep.equal(['seal_palette']);
    expect(messages(checked)).to.contain('当前调色板有3种颜色');
  });

  it('refuses an impression that is not red', () => {
    const checked = checkSealImage(disc('black'));
    expect(codes(checked)).to.deep.equal(['seal_colour']);
    expect(messages(checked)).to.contain('#000000');
  });

  it('refuses a 40 KB file, and reports it together with any other broken rule', () => {
    const padding = (png: Buffer) => ({ type: 'tEXt', data: Buffer.concat([Buffer.from('Comment\0'), randomBytes(40 * 1024 - png.length - 12 - 8)]) });
    const big = edited(seal, (chunks) => [...chunks.slice(0, -1), padding(seal), chunks.at(-1)!]);
    expect(big.length).to.equal(40 * 1024);
    const checked = checkSealImage(big);
    expect(codes(checked)).to.deep.equal(['seal_file_size']);
    expect(messages(checked)).to.equal('印章图片须小于30 KB，当前为40.0 KB');

    const bigAt72 = edited(big, (chunks) => chunks.map((c) => (c.type === 'pHYs' ? { type: 'pHYs', data: physData(2835) } : c)));
    expect(codes(checkSealImage(bigAt72))).to.have.members(['seal_file_size', 'seal_dpi']);
  });

  it('refuses a JPEG and names what it is', () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), randomBytes(2000)]);
    const checked = checkSealImage(jpeg);
    expect(codes(checked)).to.deep.equal(['seal_not_png']);
    expect(messages(checked)).to.equal('印章图片须为PNG格式，当前文件为JPEG图片');
  });

  it('refuses a truncated file and one whose data fails its CRC', () => {
    const truncated = checkSealImage(seal.subarray(0, Math.floor(seal.length / 2)));
    expect(codes(truncated)).to.deep.equal(['seal_corrupt']);
    expect(messages(truncated)).to.contain('截断');

    const flipped = Buffer.from(seal);
    flipped[seal.indexOf('IDAT') + 200] ^= 0xff;
    const crc = checkSealImage(flipped);
    expect(codes(crc)).to.deep.equal(['seal_corrupt']);
    expect(messages(crc)).to.contain('数据块IDAT校验码（CRC）错误');
  });

  it('refuses an impression whose size at 600 DPI is not a real seal, within bounds the caller may change', () => {
    const small = makeDemoSealImage('长沙市行政审批服务局', { diameterMm: 30 });
    const checked = checkSealImage(small);
    expect(codes(checked)).to.deep.equal(['seal_true_size']);
    expect(messages(checked)).to.contain('30 × 30 mm');
    const oval = { minWidthMm: 28, maxWidthMm: 32, minHeightMm: 28, maxHeightMm: 32 };
    expect(checkSealImage(small, { size: oval }).ok).to.equal(true);
    expect(codes(checkSealImage(seal, { size: oval }))).to.deep.equal(['seal_true_size']);
  });

  it('refuses a header that claims a huge image without decoding it', () => {
    const huge = edited(seal, (chunks) =>
      chunks.map((c) => {
        if (c.type !== 'IHDR') return c;
        const data = Buffer.from(c.data);
        data.writeUInt32BE(60000, 0);
        data.writeUInt32BE(60000, 4);
        return { type: 'IHDR', data };
      }),
    );
    expect(codes(checkSealImage(huge))).to.deep.equal(['seal_true_size']);
  });
});
