import type { Font } from 'fontkit';

export interface Point {
  x: number;
  y: number;
}

/** A closed outline; several together fill by the non-zero winding rule, so a reversed contour is a hole. */
export type Contour = Point[];

/**
 * A one-bit canvas filled with polygons: enough to draw a seal's ring, star and lettering without
 * an image library. Every pixel is either ink or ground, which is what a 2-colour seal image needs.
 */
export class Mask {
  readonly bits: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.bits = new Uint8Array(width * height);
  }

  /** Inks every pixel whose centre lies inside the contours (non-zero winding). */
  fill(contours: Contour[]): void {
    const edges = contours.flatMap((c) => c.map((p, i) => [p, c[(i + 1) % c.length]] as const)).filter(([a, b]) => a.y !== b.y);
    for (let row = 0; row < this.height; row++) {
      const y = row + 0.5;
      const crossings: { x: number; winding: number }[] = [];
      for (const [a, b] of edges) {
        const [lo, hi] = a.y < b.y ? [a, b] : [b, a];
        if (y < lo.y || y >= hi.y) continue;
        crossings.push({ x: lo.x + ((y - lo.y) * (hi.x - lo.x)) / (hi.y - lo.y), winding: b.y > a.y ? 1 : -1 });
      }
      crossings.sort((p, q) => p.x - q.x);
      let winding = 0;
      for (let i = 0; i < crossings.length - 1; i++) {
        winding += crossings[i].winding;
        if (winding === 0) continue;
        const from = Math.max(0, Math.ceil(crossings[i].x - 0.5));
        const to = Math.min(this.width - 1, Math.ceil(crossings[i + 1].x - 0.5) - 1);
        this.bits.fill(1, row * this.width + from, row * this.width + to + 1);
      }
    }
  }
}

export function circle(cx: number, cy: number, r: number, clockwise = true, steps = 360): Contour {
  return Array.from({ length: steps }, (_, i) => {
    const t = ((clockwise ? i : -i) / steps) * 2 * Math.PI;
    return { x: cx + r * Math.cos(t), y: cy + r * Math.sin(t) };
  });
}

/** A five-pointed star, point up, as on the seals of bodies without the national emblem. */
export function star(cx: number, cy: number, outer: number): Contour {
  const inner = outer * 0.382;
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const t = -Math.PI / 2 + (i * Math.PI) / 5;
    return { x: cx + r * Math.cos(t), y: cy + r * Math.sin(t) };
  });
}

/**
 * A glyph's outline as polygons, mapped by `place` from font units (y up) to canvas pixels. Curves
 * are flattened to short segments; at seal sizes (under 200 px a character) eight per curve is plenty.
 */
export function glyphContours(font: Font, char: string, place: (x: number, y: number) => Point): { contours: Contour[]; advance: number } {
  const glyph = font.glyphForCodePoint(char.codePointAt(0)!);
  const contours: Contour[] = [];
  let current: Contour = [];
  let pen = { x: 0, y: 0 };
  const to = (x: number, y: number) => {
    pen = { x, y };
    current.push(place(x, y));
  };
  const close = () => {
    if (current.length > 2) contours.push(current);
    current = [];
  };
  for (const { command, args } of glyph.path.commands) {
    if (command === 'moveTo') {
      close();
      to(args[0], args[1]);
    } else if (command === 'lineTo') {
      to(args[0], args[1]);
    } else if (command === 'quadraticCurveTo') {
      const [cx, cy, x, y] = args;
      const start = pen;
      for (let i = 1; i <= 8; i++) {
        const t = i / 8;
        const u = 1 - t;
        to(u * u * start.x + 2 * u * t * cx + t * t * x, u * u * start.y + 2 * u * t * cy + t * t * y);
      }
    } else if (command === 'bezierCurveTo') {
      const [c1x, c1y, c2x, c2y, x, y] = args;
      const start = pen;
      for (let i = 1; i <= 8; i++) {
        const t = i / 8;
        const u = 1 - t;
        to(
          u * u * u * start.x + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x,
          u * u * u * start.y + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y,
        );
      }
    } else if (command === 'closePath') {
      close();
    }
  }
  close();
  return { contours, advance: glyph.advanceWidth };
}
