import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * A photo or scan made ready for tesseract, in memory: decoded (JPEG by jpeg-js, PNG by pngjs, both
 * pure JavaScript), turned grey, scaled down to at most MAX_SIDE pixels on its long side (a phone's
 * 12-megapixel photo reads no better and far slower at full size; a card filling a third of the
 * photo keeps its characters some 30 pixels high), turned by a multiple of 90° and
 * written as a binary PGM, which tesseract (leptonica) reads from its standard input.
 */
export interface GreyImage {
  width: number;
  height: number;
  /** one byte a pixel, rows top to bottom */
  pixels: Uint8Array;
}

export const MAX_SIDE = 2000;

/** Width and height from the file's header, before anything is decoded (a small file may claim a huge picture). */
export function imageSize(bytes: Buffer, format: 'png' | 'jpg'): { width: number; height: number } | undefined {
  if (format === 'png') return bytes.length >= 24 ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : undefined;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame's size
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) at += 2;
    else at += 2 + bytes.readUInt16BE(at + 2);
  }
  return undefined;
}

/** Decodes and greys, averaging each block of source pixels that makes one pixel of the scaled image. */
export function decodeGrey(bytes: Buffer, format: 'png' | 'jpg', maxPixels: number): GreyImage {
  const { width, height, data, channels } =
    format === 'png'
      ? (() => {
          const png = PNG.sync.read(bytes);
          return { width: png.width, height: png.height, data: png.data as Uint8Array, channels: 4 };
        })()
      : (() => {
          const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: maxPixels / 1e6, maxMemoryUsageInMB: 512 });
          return { width: img.width, height: img.height, data: img.data, channels: 3 };
        })();
  const scale = Math.max(1, Math.max(width, height) / MAX_SIDE);
  const w = Math.max(1, Math.round(width / scale));
  const h = Math.max(1, Math.round(height / scale));
  const sums = new Float64Array(w * h);
  const counts = new Uint32Array(w * h);
  for (let y = 0; y < height; y++) {
    const ty = Math.min(h - 1, Math.floor(y / scale)) * w;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      // a transparent PNG pixel is paper: white
      const alpha = channels === 4 ? data[i + 3]! / 255 : 1;
      const grey = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      const t = ty + Math.min(w - 1, Math.floor(x / scale));
      sums[t]! += grey * alpha + 255 * (1 - alpha);
      counts[t]! += 1;
    }
  }
  const pixels = new Uint8Array(w * h);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(sums[i]! / Math.max(counts[i]!, 1));
  return { width: w, height: h, pixels };
}

/** The image turned clockwise by 0, 90, 180 or 270 degrees. */
export function turned(image: GreyImage, degrees: 0 | 90 | 180 | 270): GreyImage {
  if (degrees === 0) return image;
  const { width, height, pixels } = image;
  const [w, h] = degrees === 180 ? [width, height] : [height, width];
  const out = new Uint8Array(pixels.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [nx, ny] = degrees === 90 ? [height - 1 - y, x] : degrees === 180 ? [width - 1 - x, height - 1 - y] : [y, width - 1 - x];
      out[ny * w + nx] = pixels[y * width + x]!;
    }
  }
  return { width: w, height: h, pixels: out };
}

/** Binary PGM (P5), 8 bits a pixel. */
export const pgmOf = (image: GreyImage): Buffer =>
  Buffer.concat([
    Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1'),
    Buffer.from(image.pixels.buffer, image.pixels.byteOffset, image.pixels.length),
  ]);

/** The mean of each pixel's (2r+1)² neighbourhood, by an integral image (clipped at the edges). */
function boxMean(image: GreyImage, r: number): Float32Array {
  const { width: w, height: h, pixels } = image;
  const integral = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += pixels[y * w + x]!;
      integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1]! + row;
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const sum = integral[y1 * (w + 1) + x1]! - integral[y0 * (w + 1) + x1]! - integral[y1 * (w + 1) + x0]! + integral[y0 * (w + 1) + x0]!;
      out[y * w + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/**
 * The paper made white whatever its shade: each pixel divided by its surroundings' brightness (a
 * card's tinted or shadowed background, a grey photo, becomes white and the strokes stay dark), after
 * a light smoothing that takes the grain out. tesseract's own threshold (one for the whole page)
 * otherwise takes a grey card on white paper for one dark block and reads nothing on it.
 */
export function evenedOut(image: GreyImage): GreyImage {
  const { width: w, height: h } = image;
  const smooth = boxMean(image, 1);
  // the surroundings' brightness changes slowly: measured on a quarter-size copy, read back pixel by pixel
  const step = 4;
  const small: GreyImage = { width: Math.ceil(w / step), height: Math.ceil(h / step), pixels: new Uint8Array(Math.ceil(w / step) * Math.ceil(h / step)) };
  for (let y = 0; y < small.height; y++)
    for (let x = 0; x < small.width; x++) small.pixels[y * small.width + x] = Math.round(smooth[Math.min(h - 1, y * step) * w + Math.min(w - 1, x * step)]!);
  const background = boxMean(small, Math.max(4, Math.round(Math.max(w, h) / 50 / step)));
  const pixels = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = Math.floor(y / step) * small.width;
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      pixels[i] = Math.min(255, Math.round((255 * smooth[i]!) / Math.max(background[row + Math.floor(x / step)]!, 1)));
    }
  }
  return { ...image, pixels };
}
