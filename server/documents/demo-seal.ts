import { chooseFont } from './cjk-font.ts';
import type { FontFace } from './cjk-font.ts';
import { encodePng } from './png-format.ts';
import type { Rgba } from './png-format.ts';
import { orThrow } from './problems.ts';
import { Mask, circle, glyphContours, star } from './raster.ts';
import type { Contour, Point } from './raster.ts';
import { SEAL_DPI } from './seal-image.ts';

export interface DemoSealOptions {
  /** 42 mm, the size of a city department's seal */
  diameterMm?: number;
  /** a line under the star, as on special seals (e.g. 行政审批专用章) */
  bottomText?: string;
  fonts?: FontFace[];
}

/** Seal red (close to the #E60012 of printed seals) on a transparent ground. */
const PALETTE: Rgba[] = [
  { r: 255, g: 255, b: 255, a: 0 },
  { r: 230, g: 0, b: 18, a: 255 },
];

/**
 * Draws a round seal (ring, five-pointed star, the body's name around the top from left to right)
 * as an image that passes `checkSealImage`: 1-bit indexed PNG, 2-colour palette, 600 DPI, true
 * size. The embedded default and the tests stamp with it; a real seal image comes from the
 * provincial e-seal platform.
 */
export function makeDemoSealImage(text: string, options: DemoSealOptions = {}): Buffer {
  const diameter = ((options.diameterMm ?? 42) / 25.4) * SEAL_DPI;
  const size = Math.ceil(diameter) + 8;
  const centre = size / 2;
  const mask = new Mask(size, size);
  const px = (mm: number) => (mm / 25.4) * SEAL_DPI;

  const outer = diameter / 2;
  const ringWidth = px(1);
  mask.fill([circle(centre, centre, outer, true), circle(centre, centre, outer - ringWidth, false)]);
  mask.fill([star(centre, centre, diameter * 0.17)]);

  const { font } = orThrow(chooseFont(text + (options.bottomText ?? ''), options.fonts));
  const em = font.unitsPerEm;
  const middle = 0.38 * em; // the vertical middle of an ideograph's em box, above the baseline
  const charHeight = diameter * 0.16;
  const scale = charHeight / em;
  const textRadius = outer - ringWidth - px(0.8) - charHeight / 2;
  const chars = [...text];
  const span = chars.length > 1 ? Math.min((220 / 180) * Math.PI, (chars.length - 1) * (26 / 180) * Math.PI) : 0;
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  const narrow = step > 0 ? Math.min(1, (0.9 * textRadius * step) / charHeight) : 1;
  chars.forEach((char, i) => {
    const angle = -span / 2 + i * step;
    const up = { x: Math.sin(angle), y: -Math.cos(angle) };
    const right = { x: Math.cos(angle), y: Math.sin(angle) };
    const advance = font.glyphForCodePoint(char.codePointAt(0)!).advanceWidth;
    const place = (gx: number, gy: number): Point => {
      const along = (gx - advance / 2) * scale * narrow;
      const out = textRadius + (gy - middle) * scale;
      return { x: centre + out * up.x + along * right.x, y: centre + out * up.y + along * right.y };
    };
    mask.fill(glyphContours(font, char, place).contours);
  });

  if (options.bottomText) {
    const line = [...options.bottomText];
    const lineScale = (diameter * 0.075) / em;
    const widths = line.map((c) => font.glyphForCodePoint(c.codePointAt(0)!).advanceWidth * lineScale);
    let x = centre - widths.reduce((a, b) => a + b, 0) / 2;
    const baseline = centre + diameter * 0.3;
    const contours: Contour[] = [];
    line.forEach((char, i) => {
      const left = x;
      contours.push(...glyphContours(font, char, (gx, gy) => ({ x: left + gx * lineScale, y: baseline - gy * lineScale })).contours);
      x += widths[i];
    });
    mask.fill(contours);
  }

  return encodePng({ width: size, height: size, colourType: 3, bitDepth: 1, palette: PALETTE, dpi: SEAL_DPI, rows: packRows(mask) });
}

function packRows(mask: Mask): Buffer[] {
  const rowBytes = Math.ceil(mask.width / 8);
  return Array.from({ length: mask.height }, (_, y) => {
    const row = Buffer.alloc(rowBytes);
    for (let x = 0; x < mask.width; x++) {
      if (mask.bits[y * mask.width + x]) row[x >> 3] |= 0x80 >> (x & 7);
    }
    return row;
  });
}
