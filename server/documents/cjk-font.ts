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
