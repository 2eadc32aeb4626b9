import { existsSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { problem } from './problems.ts';
import type { Checked } from './problems.ts';

export interface FontFace {
  path: string;
  /** the face inside a .ttc collection; pdfkit and fontkit need it to pick one */
  postscriptName?: string;
  /** the Debian package that ships it, for the error a missing font gives */
  debianPackage: string;
}

/**
 * The faces a document is set in, in order of preference. 文鼎PL简报宋 (fonts-arphic-gbsn00lp) is a
 * 宋体-style face, the style of official documents, and small (scripts/setup.sh installs it); it
 * covers GB 2312 only, so a name with a rarer character falls back to Noto CJK when installed.
 */
export const DEBIAN_CJK_FONTS: FontFace[] = [
  { path: '/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf', debianPackage: 'fonts-arphic-gbsn00lp' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular', debianPackage: 'fonts-noto-cjk' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular', debianPackage: 'fonts-noto-cjk' },
];

/**
 * The faces a character no face of the document has is taken from, tried in this order for each
 * character (scripts/setup.sh installs them): 花園明朝 A and B (fonts-hanazono: A the BMP with
 * Extension A, B Extensions B–F, 𪚥 U+2A6A5 among them) and BabelStone Han (fonts-babelstone-han:
 * most of Extensions G and H). A name is never refused for a character: one no face has is drawn
 * as its code point in brackets (【U+30041】) and noted.
 */
export const DEBIAN_FALLBACK_FONTS: FontFace[] = [
  { path: '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf', debianPackage: 'fonts-hanazono' },
  { path: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf', debianPackage: 'fonts-hanazono' },
  { path: '/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf', debianPackage: 'fonts-babelstone-han' },
];

export interface ChosenFont {
  face: FontFace;
  font: fontkit.Font;
}

const opened = new Map<string, fontkit.Font>();

function open(face: FontFace): fontkit.Font {
  const key = `${face.path}#${face.postscriptName ?? ''}`;
  let font = opened.get(key);
  if (!font) {
    const loaded = fontkit.openSync(face.path, face.postscriptName);
    if (!('glyphForCodePoint' in loaded)) throw new Error(`${face.path} is a collection; name the face`);
    font = loaded;
    opened.set(key, font);
  }
  return font;
}

/** A stretch of text set in one face: `face` -1 is a character no face has, drawn as its code point. */
export interface TextRun {
  text: string;
  /** index into FontPlan.faces (0: the document's face), or -1 */
  face: number;
}

/**
 * The faces a document is set in: `faces[0]` the document's own (the first of the preferred faces
 * that has every character, else the first installed), then the fallbacks its text needs, and the
 * characters no installed face has.
 */
export interface FontPlan {
  faces: ChosenFont[];
  /** code points no installed face has a glyph for: drawn as 【U+XXXX】 and noted */
  unavailable: number[];
  runs(text: string): TextRun[];
}

/** How a character no face has is drawn: its code point, in brackets the document's face has. */
export const unavailableGlyph = (cp: number): string => `【U+${cp.toString(16).toUpperCase().padStart(4, '0')}】`;

const printable = (cp: number) => cp > 0x20 && cp !== 0x3000;

/**
 * Plans the faces for `text`: the document's face, and for each character it lacks the first
 * fallback (the other preferred faces, then DEBIAN_FALLBACK_FONTS) that has it. Only having no face
 * at all is a problem (document_font_missing).
 */
export function planFonts(text: string, candidates: FontFace[] = DEBIAN_CJK_FONTS, fallbacks: FontFace[] = DEBIAN_FALLBACK_FONTS): Checked<FontPlan> {
  const chosen = chooseFont(text, candidates);
  if (chosen.ok) return { ok: true, info: { faces: [chosen.info], unavailable: [], runs: (t) => (t ? [{ text: t, face: 0 }] : []) } };
  if (chosen.problems[0]!.code === 'document_font_missing') return chosen;
  const installed = [...candidates, ...fallbacks].filter(
    (face, i, all) => existsSync(face.path) && all.findIndex((f) => f.path === face.path && f.postscriptName === face.postscriptName) === i,
  );
  const primary = { face: installed[0]!, font: open(installed[0]!) };
  const faces: ChosenFont[] = [primary];
  const faceOf = new Map<number, number>();
  const unavailable: number[] = [];
  for (const cp of new Set([...text].map((c) => c.codePointAt(0)!))) {
    if (!printable(cp) || primary.font.hasGlyphForCodePoint(cp)) continue;
    const fallback = installed.slice(1).find((face) => open(face).hasGlyphForCodePoint(cp));
    if (!fallback) {
      unavailable.push(cp);
      faceOf.set(cp, -1);
      continue;
    }
    let index = faces.findIndex((f) => f.face === fallback);
    if (index < 0) index = faces.push({ face: fallback, font: open(fallback) }) - 1;
    faceOf.set(cp, index);
  }
  const runs = (t: string): TextRun[] => {
    const out: TextRun[] = [];
    for (const char of t) {
      const face = faceOf.get(char.codePointAt(0)!) ?? 0;
      const last = out.at(-1);
      if (last && last.face === face && face !== -1) last.text += char;
      else out.push({ text: char, face });
    }
    return out;
  };
  return { ok: true, info: { faces, unavailable, runs } };
}

/**
 * The first installed face that has a glyph for every character of `text`. A missing glyph would
 * print as an empty box in a legal document, so it is refused rather than rendered.
 */
export function chooseFont(text: string, candidates: FontFace[] = DEBIAN_CJK_FONTS): Checked<ChosenFont> {
  const installed = candidates.filter((face) => existsSync(face.path));
  if (installed.length === 0) {
    const packages = [...new Set(candidates.map((c) => c.debianPackage))].join('、');
    return {
      ok: false,
      problems: [
        problem(
          'document_font_missing',
          `未找到中文字体（${candidates.map((c) => c.path).join('，')}），请安装${packages}（运行 bash scripts/setup.sh）`,
          `no CJK font found (${candidates.map((c) => c.path).join(', ')}); install ${packages} (bash scripts/setup.sh)`,
        ),
      ],
    };
  }
  const codePoints = [...new Set([...text].map((c) => c.codePointAt(0)!))].filter((cp) => cp > 0x20 && cp !== 0x3000);
  let fewestMissing: number[] | undefined;
  for (const face of installed) {
    const font = open(face);
    const missing = codePoints.filter((cp) => !font.hasGlyphForCodePoint(cp));
    if (missing.length === 0) return { ok: true, info: { face, font } };
    if (!fewestMissing || missing.length < fewestMissing.length) fewestMissing = missing;
  }
  const chars = String.fromCodePoint(...fewestMissing!);
  return {
    ok: false,
    problems: [
      problem(
        'document_glyph_missing',
        `已安装的中文字体缺少以下字符：${chars}（可安装fonts-noto-cjk）`,
        `the installed CJK fonts lack these characters: ${chars} (fonts-noto-cjk covers more)`,
      ),
    ],
  };
}
