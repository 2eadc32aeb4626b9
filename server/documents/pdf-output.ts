import type { FontPlan } from './cjk-font.ts';
import { faceName } from './typeset.ts';

/**
 * What every PDF the platform draws starts with: its bytes collected as pdfkit writes them, and
 * the fonts chosen for its text registered, the first one set, in black. `end()` when all is drawn.
 */
export function startPdf(doc: PDFKit.PDFDocument, plan: FontPlan): { end(): Promise<Buffer> } {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  plan.faces.forEach((f, i) => doc.registerFont(faceName(i), f.face.path, f.face.postscriptName));
  doc.font(faceName(0)).fillColor('black');
  return {
    async end() {
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}
