import type { SealAnchor } from './layout-document.ts';
import type { ResultDocument } from './result-document.ts';
import { chineseDate } from './result-document.ts';
import type { Typesetter } from './typeset.ts';

const mm = (v: number) => (v / 25.4) * 72;

/**
 * An e-license certificate on landscape A4: a double frame, the license's name large in the middle,
 * its number at the top right, the holder and the licensed particulars as a two-column list, notes
 * in small type, and the issuing department with the date at the bottom right under its seal.
 */
export const LICENSE_PAGE = {
  size: 'A4' as const,
  layout: 'landscape' as const,
  frame: mm(12),
  titleSize: 30,
  bodySize: 15,
  noteSize: 11,
};

export function layOutLicense(doc: PDFKit.PDFDocument, t: Typesetter, document: ResultDocument): SealAnchor {
  const { frame, titleSize, bodySize, noteSize } = LICENSE_PAGE;
  const { width: pageWidth, height: pageHeight } = doc.page;
  doc
    .save()
    .lineWidth(2.5)
    .rect(frame, frame, pageWidth - 2 * frame, pageHeight - 2 * frame)
    .stroke();
  doc
    .lineWidth(0.75)
    .rect(frame + 5, frame + 5, pageWidth - 2 * frame - 10, pageHeight - 2 * frame - 10)
    .stroke()
    .restore();

  const inner = frame + mm(14);
  const width = pageWidth - 2 * inner;
  doc.fontSize(noteSize);
  t.text(`编号：${document.documentNo}`, inner, frame + mm(8), { width, align: 'right' });
  doc.fontSize(titleSize);
  t.text(document.title, inner, frame + mm(20), { width, align: 'center', characterSpacing: 6 });
  doc.moveDown(0.8);

  const rows = [{ label: '持证主体', value: document.recipient }, ...document.fields];
  doc.fontSize(bodySize);
  const labelWidth = Math.max(...rows.map((r) => t.widthOf(`${r.label}：`))) + 2;
  for (const row of rows) {
    const top = doc.y;
    t.text(`${row.label}：`, inner + mm(20), top, { width: labelWidth, align: 'right' });
    const labelBottom = doc.y;
    t.text(row.value, inner + mm(20) + labelWidth, top, { width: width - mm(40) - labelWidth });
    doc.y = Math.max(labelBottom, doc.y) + 6;
  }
  if (document.paragraphs.length) {
    doc.moveDown(0.5).fontSize(noteSize);
    for (const note of document.paragraphs) t.text(note, inner + mm(20), doc.y, { width: width - mm(40) });
  }

  doc.fontSize(bodySize);
  const date = chineseDate(document.issuedAt);
  const issuerWidth = t.widthOf(`发证机关：${document.issuer}`);
  const centreX = pageWidth - inner - mm(30);
  const dateTop = pageHeight - frame - mm(22);
  t.text(`发证机关：${document.issuer}`, Math.min(centreX - issuerWidth / 2, pageWidth - inner - issuerWidth), dateTop - bodySize * 1.8, {
    lineBreak: false,
  });
  t.text(date, centreX - t.widthOf(date) / 2, dateTop, { lineBreak: false });
  return { page: doc.bufferedPageRange().count - 1, x: centreX, y: dateTop - bodySize * 0.4 };
}
