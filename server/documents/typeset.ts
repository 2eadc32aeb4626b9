import type { FontPlan, TextRun } from './cjk-font.ts';
import { unavailableGlyph } from './cjk-font.ts';

/** The pdfkit name of a face of the plan: `cjk` the document's own, `cjk-1`, `cjk-2` … its fallbacks. */
export const faceName = (index: number): string => (index <= 0 ? 'cjk' : `cjk-${index}`);

/**
 * Writes text with pdfkit in the plan's faces: a text the document's face has (nearly always) is
 * one `doc.text` call, as before; a text with rarer characters is written as continued runs, each
 * in the face that has it (pdfkit wraps and aligns them as one paragraph), and a character no face
 * has as its code point in brackets.
 */
export interface Typesetter {
  text(text: string, x?: number, y?: number, options?: PDFKit.Mixins.TextOptions): void;
  text(text: string, options?: PDFKit.Mixins.TextOptions): void;
  widthOf(text: string): number;
}

const drawn = (run: TextRun) => (run.face === -1 ? unavailableGlyph(run.text.codePointAt(0)!) : run.text);

export function typesetter(doc: PDFKit.PDFDocument, plan: FontPlan): Typesetter {
  function text(value: string, a?: number | PDFKit.Mixins.TextOptions, b?: number, c?: PDFKit.Mixins.TextOptions): void {
    const [x, y, options] = typeof a === 'object' ? [undefined, undefined, a] : [a, b, c];
    const runs = plan.runs(value);
    if (runs.length <= 1 && (runs[0]?.face ?? 0) === 0) {
      if (x === undefined) doc.text(value, options);
      else doc.text(value, x, y, options);
      return;
    }
    runs.forEach((run, i) => {
      const last = i === runs.length - 1;
      doc.font(faceName(run.face));
      // the first run starts the paragraph (its indent); the others continue it
      const runOptions = { ...options, ...(i === 0 ? {} : { indent: 0 }), continued: !last };
      if (i === 0 && x !== undefined) doc.text(drawn(run), x, y, runOptions);
      else doc.text(drawn(run), runOptions);
    });
    doc.font(faceName(0));
  }
  function widthOf(value: string): number {
    let width = 0;
    for (const run of plan.runs(value)) width += doc.font(faceName(run.face)).widthOfString(drawn(run));
    doc.font(faceName(0));
    return width;
  }
  return { text: text as Typesetter['text'], widthOf };
}
