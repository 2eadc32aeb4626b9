import { ContentMemo } from './content-memo.ts';
import { PNG_SIGNATURE, dpiToPixelsPerMetre, parseIhdr, parsePalette, readChunks } from './png-format.ts';
import type { Ihdr, PngChunk, Rgba } from './png-format.ts';
import { decodeIndexedPixels } from './png-pixels.ts';
import { problem } from './problems.ts';
import type { Checked, DocumentProblem } from './problems.ts';

/**
 * The seal image rule of seed 001 (长沙市, 印模图片处理): "PNG8，2 位色图，600DPI，印模清晰且大小与实际
 * 一致，小于 30KB". Read as: an indexed PNG whose palette holds at most two colours (the red of the
 * impression and a transparent or white ground), a pHYs chunk of 600 DPI in both axes, the impression
 * measured at 600 DPI as large as the physical seal, and a file under 30 × 1024 bytes.
 */
export const SEAL_DPI = 600;
export const SEAL_MAX_BYTES = 30 * 1024;
const PIXELS_PER_METRE = dpiToPixelsPerMetre(SEAL_DPI); // 23622
/** 4096 px is 173 mm at 600 DPI: beyond any seal, and a bound on what decoding may allocate. */
const MAX_SIDE_PX = 4096;

/** Allowed physical size of the impression (its inked bounding box), in millimetres. */
export interface SealSizeBounds {
  minWidthMm: number;
  maxWidthMm: number;
  minHeightMm: number;
  maxHeightMm: number;
}

/**
 * A round official seal as a city platform holds them: the State Council's seal rules (国发〔1999〕25号)
 * give 4.5 cm for city and county governments and 4.2 cm for their departments and most special
 * seals; 38–46 mm admits those with room for 4.0 cm special seals and for a scanned impression's
 * ragged edge, and refuses an image scaled to a wrong size (a 72-DPI export measures 4–8 times off).
 */
export const ROUND_SEAL_SIZE: SealSizeBounds = { minWidthMm: 38, maxWidthMm: 46, minHeightMm: 38, maxHeightMm: 46 };

export interface SealImageInfo {
  width: number;
  height: number;
  bitDepth: number;
  palette: Rgba[];
  ink: Rgba;
  ground: 'transparent' | 'white';
  bytes: number;
  /** the inked area, in pixels */
  box: { x: number; y: number; width: number; height: number };
  /** the inked area's size at 600 DPI */
  sealWidthMm: number;
  sealHeightMm: number;
  /** the whole image's size at 600 DPI: how large it is drawn on a document */
  imageWidthMm: number;
  imageHeightMm: number;
}

export interface SealCheckOptions {
  size?: SealSizeBounds;
}

const COLOUR_TYPES: Record<number, [string, string]> = {
  0: ['灰度图', 'greyscale'],
  2: ['真彩色（RGB）图', 'truecolour (RGB)'],
  4: ['带透明通道的灰度图', 'greyscale with alpha'],
  6: ['带透明通道的真彩色（RGBA）图', 'truecolour with alpha (RGBA)'],
};

/** Checks an uploaded seal image against the rule; reports every broken part, not just the first. */
/** the checks made, by image and options: a department's seal is checked once per process, not per document */
const checked = new ContentMemo<Checked<SealImageInfo>>();

export function checkSealImage(png: Buffer, options: SealCheckOptions = {}): Checked<SealImageInfo> {
  return checked.of(ContentMemo.keyOf(png, JSON.stringify(options)), () => checkSealImageNow(png, options));
}

function checkSealImageNow(png: Buffer, options: SealCheckOptions): Checked<SealImageInfo> {
  const problems: DocumentProblem[] = [];
  const kb = (png.length / 1024).toFixed(1);
  if (png.length >= SEAL_MAX_BYTES) {
    problems.push(problem('seal_file_size', `印章图片须小于30 KB，当前为${kb} KB`, `the seal image must be under 30 KB; it is ${kb} KB`));
  }
  if (png.length < PNG_SIGNATURE.length || !png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    const kind = sniff(png);
    problems.unshift(problem('seal_not_png', `印章图片须为PNG格式，当前文件为${kind[0]}`, `the seal image must be a PNG; this file is ${kind[1]}`));
    return { ok: false, problems };
  }
  const reading = readChunks(png);
  if (!reading.ok) {
    problems.push(problem('seal_corrupt', `印章图片已损坏：${reading.reason}`, `the seal image is damaged: ${reading.en}`));
    return { ok: false, problems };
  }
  const chunks = reading.chunks;
  const ihdr = parseIhdr(chunks[0].data);
  problems.push(...checkDpi(chunks.find((c) => c.type === 'pHYs')));
  const colours = checkColours(ihdr, chunks);
  if (!colours.ok) return { ok: false, problems: [...problems, ...colours.problems] };
  if (ihdr.width > MAX_SIDE_PX || ihdr.height > MAX_SIDE_PX) {
    // no real seal is this large at 600 DPI; refuse before decoding so a crafted header cannot exhaust memory
    const size = `${ihdr.width} × ${ihdr.height}`;
    problems.push(
      problem('seal_true_size', `印章图片为${size}像素，按600 DPI远大于实际印章`, `the seal image is ${size} pixels, far larger than any seal at 600 DPI`),
    );
    return { ok: false, problems };
  }

  let pixels: Uint8Array;
  try {
    pixels = decodeIndexedPixels(ihdr, Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  } catch (error) {
    const why = (error as Error).message;
    problems.push(problem('seal_corrupt', `印章图片的图像数据已损坏（${why}）`, `the seal image's pixel data is damaged (${why})`));
    return { ok: false, problems };
  }
  const box = inkBox(ihdr, pixels, colours.inkIndex);
  if (!box) {
    problems.push(problem('seal_blank', '印章图片中没有印模', 'the seal image holds no impression'));
    return { ok: false, problems };
  }
  const mm = (px: number) => Math.round((px / SEAL_DPI) * 25.4 * 10) / 10;
  const info: SealImageInfo = {
    width: ihdr.width,
    height: ihdr.height,
    bitDepth: ihdr.bitDepth,
    palette: colours.palette,
    ink: colours.palette[colours.inkIndex],
    ground: colours.ground,
    bytes: png.length,
    box,
    sealWidthMm: mm(box.width),
    sealHeightMm: mm(box.height),
    imageWidthMm: mm(ihdr.width),
    imageHeightMm: mm(ihdr.height),
  };
  problems.push(...checkTrueSize(info, options.size ?? ROUND_SEAL_SIZE));
  return problems.length ? { ok: false, problems } : { ok: true, info };
}

function checkDpi(phys: PngChunk | undefined): DocumentProblem[] {
  if (!phys || phys.data.length !== 9) {
    return [
      problem('seal_dpi', '印章图片未标注分辨率（缺少pHYs块），须为600 DPI', 'the seal image declares no resolution (no pHYs chunk); it must be 600 DPI'),
    ];
  }
  const x = phys.data.readUInt32BE(0);
  const y = phys.data.readUInt32BE(4);
  if (phys.data[8] !== 1) {
    return [
      problem(
        'seal_dpi',
        '印章图片的分辨率未以米为单位标注，无法确定DPI，须为600 DPI',
        'the seal image gives only an aspect ratio, not a resolution; it must be 600 DPI',
      ),
    ];
  }
  if (Math.abs(x - PIXELS_PER_METRE) <= 1 && Math.abs(y - PIXELS_PER_METRE) <= 1) return [];
  const dpi = (ppm: number) => Math.round(ppm * 0.0254);
  const found = dpi(x) === dpi(y) ? `${dpi(x)} DPI` : `横向${dpi(x)} DPI、纵向${dpi(y)} DPI`;
  const foundEn = dpi(x) === dpi(y) ? `${dpi(x)} DPI` : `${dpi(x)} DPI across and ${dpi(y)} DPI down`;
  return [problem('seal_dpi', `印章图片分辨率须为600 DPI，当前为${found}`, `the seal image must be 600 DPI; it is ${foundEn}`)];
}

type ColourCheck = { ok: true; palette: Rgba[]; inkIndex: number; ground: 'transparent' | 'white' } | { ok: false; problems: DocumentProblem[] };

function checkColours(ihdr: Ihdr, chunks: PngChunk[]): ColourCheck {
  if (ihdr.colourType !== 3) {
    const [zh, en] = COLOUR_TYPES[ihdr.colourType] ?? [`未知颜色类型${ihdr.colourType}`, `unknown colour type ${ihdr.colourType}`];
    return {
      ok: false,
      problems: [
        problem('seal_colour_type', `印章图片须为PNG8索引色（调色板）图片，当前为${zh}`, `the seal image must be an indexed-colour (palette) PNG; it is ${en}`),
      ],
    };
  }
  if (![1, 2, 4, 8].includes(ihdr.bitDepth) || ihdr.width === 0 || ihdr.height === 0) {
    return {
      ok: false,
      problems: [problem('seal_corrupt', '印章图片已损坏：文件头块IHDR的尺寸或位深无效', 'the seal image is damaged: IHDR gives an invalid size or bit depth')],
    };
  }
  const plte = chunks.find((c) => c.type === 'PLTE');
  if (!plte || plte.data.length === 0 || plte.data.length % 3 !== 0) {
    return { ok: false, problems: [problem('seal_corrupt', '印章图片已损坏：缺少有效的调色板块PLTE', 'the seal image is damaged: no valid PLTE chunk')] };
  }
  const palette = parsePalette(plte.data, chunks.find((c) => c.type === 'tRNS')?.data);
  if (palette.length > 2) {
    return {
      ok: false,
      problems: [
        problem(
          'seal_palette',
          `印章图片须为2色图，当前调色板有${palette.length}种颜色`,
          `the seal image must have a 2-colour palette; it has ${palette.length} colours`,
        ),
      ],
    };
  }
  const groundIndex = palette.findIndex((c) => c.a === 0 || (c.a === 255 && Math.min(c.r, c.g, c.b) >= 240));
  const inkIndex = palette.findIndex((_, i) => i !== groundIndex);
  if (inkIndex < 0) {
    return { ok: false, problems: [problem('seal_blank', '印章图片调色板中没有印模颜色', 'the seal image palette has no ink colour')] };
  }
  const ink = palette[inkIndex];
  const hex = `#${[ink.r, ink.g, ink.b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const problems: DocumentProblem[] = [];
  if (groundIndex < 0) {
    problems.push(problem('seal_colour', '印章图片须为透明或白色底', 'the seal image must have a transparent or white ground'));
  }
  if (ink.a < 128 || ink.r < 128 || ink.r - Math.max(ink.g, ink.b) < 64) {
    problems.push(problem('seal_colour', `印模须为红色，当前为${hex}`, `the impression must be red; it is ${hex}`));
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, palette, inkIndex, ground: palette[groundIndex].a === 0 ? 'transparent' : 'white' };
}

function inkBox(ihdr: Ihdr, pixels: Uint8Array, inkIndex: number): SealImageInfo['box'] | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < ihdr.height; y++) {
    for (let x = 0; x < ihdr.width; x++) {
      if (pixels[y * ihdr.width + x] !== inkIndex) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return maxX < 0 ? undefined : { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

function checkTrueSize(info: SealImageInfo, bounds: SealSizeBounds): DocumentProblem[] {
  const { sealWidthMm: w, sealHeightMm: h } = info;
  if (w >= bounds.minWidthMm && w <= bounds.maxWidthMm && h >= bounds.minHeightMm && h <= bounds.maxHeightMm) return [];
  const range = (min: number, max: number) => (min === max ? `${min}` : `${min}–${max}`);
  const allowed = `${range(bounds.minWidthMm, bounds.maxWidthMm)} × ${range(bounds.minHeightMm, bounds.maxHeightMm)} mm`;
  return [
    problem(
      'seal_true_size',
      `印模按600 DPI计为${w} × ${h} mm，与实际印章大小不符（应为${allowed}）`,
      `at 600 DPI the impression measures ${w} × ${h} mm, not a real seal's size (${allowed})`,
    ),
  ];
}

function sniff(file: Buffer): [string, string] {
  const starts = (bytes: number[]) => bytes.every((b, i) => file[i] === b);
  const ascii = file.toString('latin1', 0, 12);
  if (file.length === 0) return ['空文件', 'empty'];
  if (starts([0xff, 0xd8, 0xff])) return ['JPEG图片', 'a JPEG image'];
  if (ascii.startsWith('GIF8')) return ['GIF图片', 'a GIF image'];
  if (ascii.startsWith('BM')) return ['BMP图片', 'a BMP image'];
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return ['WebP图片', 'a WebP image'];
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return ['TIFF图片', 'a TIFF image'];
  if (ascii.startsWith('%PDF')) return ['PDF文件', 'a PDF'];
  if (ascii.startsWith('<svg') || ascii.startsWith('<?xml')) return ['SVG/XML文件', 'SVG or XML'];
  return ['未知格式', 'of an unknown format'];
}
