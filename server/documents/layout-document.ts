import type { ResultDocument } from './result-document.ts';
import { chineseDate } from './result-document.ts';
import type { Typesetter } from './typeset.ts';

/** Where the issuer's seal goes: its centre, in points from the top-left of a page. */
export interface SealAnchor {
  page: number;
  x: number;
  y: number;
}

const mm = (v: number) => (v / 25.4) * 72;

/**
 * GB/T 9704-2012 (党政机关公文格式) on A4: margins 37/26/35/28 mm, the title in 二号 (22 pt), the
 * body in 三号 (16 pt) at 22 lines a page, a two-character indent, and the signature block (issuer
 * centred over the date, the date four characters from the right margin).
 */
export const DOCUMENT_PAGE = {
  size: 'A4' as const,
  margins: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
  titleSize: 22,
  bodySize: 16,
  /** 225 mm of type area / 22 lines */
  linePitch: mm(225) / 22,
};

export function layOutDocument(doc: PDFKit.PDFDocument, t: Typesetter, document: ResultDocument, sealHeight: number): SealAnchor {
  const { titleSize, bodySize, linePitch, margins } = DOCUMENT_PAGE;
  const width = doc.page.width - margins.left - margins.right;
  const bodyGap = linePitch - doc.fontSize(bodySize).currentLineHeight();

  doc.fontSize(titleSize);
  t.text(document.title, margins.left, margins.top, { width, align: 'center', lineGap: 6 });
  doc.moveDown(0.5);
  doc.fontSize(bodySize);
  t.text(document.documentNo, { width, align: 'center' });
  doc.moveDown(1);

  const body = { width, lineGap: bodyGap, align: 'justify' as const };
  t.text(`${document.recipient}：`, margins.left, doc.y, body);
  for (const paragraph of document.paragraphs) {
    t.text(paragraph, { ...body, indent: bodySize * 2 });
  }
  for (const field of document.fields) {
    t.text(`${field.label}：${field.value}`, { ...body, indent: bodySize * 2 });
  }

  // The seal's top stays within a line of the body, and issuer and date sit just below its centre.
  const date = chineseDate(document.issuedAt);
  const dateWidth = t.widthOf(date);
  const centreX = doc.page.width - margins.right - bodySize * 4 - dateWidth / 2;
  const sealRadius = sealHeight / 2;
  let issuerTop = doc.y + Math.max(linePitch, sealRadius - linePitch / 2);
  if (issuerTop + Math.max(2 * linePitch, sealRadius + linePitch) > doc.page.height - margins.bottom) {
    doc.addPage();
    issuerTop = margins.top + sealRadius;
  }
  const issuerWidth = t.widthOf(document.issuer);
  const issuerX = Math.min(centreX - issuerWidth / 2, doc.page.width - margins.right - issuerWidth);
  t.text(document.issuer, issuerX, issuerTop, { lineBreak: false });
  t.text(date, centreX - dateWidth / 2, issuerTop + linePitch, { lineBreak: false });
  const page = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  return { page, x: centreX, y: issuerTop + linePitch / 2 };
}
