import PDFDocument from 'pdfkit';
import { planFonts } from './cjk-font.ts';
import type { FontFace } from './cjk-font.ts';
import { orThrow } from './problems.ts';
import { startPdf } from './pdf-output.ts';
import { typesetter } from './typeset.ts';
import type { Typesetter } from './typeset.ts';

/**
 * An application form (申请表) as a sheet to print or to file with a case: the form's fields as a
 * two-column table of label and value, by section. The same layout serves a blank form (空白表格),
 * a filled sample (示例样表) and the application the platform generates from a bundle's one form
 * (一表申请).
 */
export interface FormDocument {
  title: string;
  /** lines under the title: what the sheet is, the case number */
  subtitle: string[];
  sections: FormSection[];
  /** lines under the table: the applicant's declaration, signature and date lines */
  footer: string[];
  /** printed faintly across every page (示例 on a sample) */
  watermark?: string;
  /** the PDF's /Info dates: the same input renders the same bytes */
  issuedAt: Date;
  lang: 'zh-CN' | 'en';
  author: string;
}

export interface FormSection {
  heading: string;
  rows: { label: string; value: string }[];
}

const mm = (v: number) => (v / 25.4) * 72;
const PAGE = { margin: mm(18), titleSize: 18, bodySize: 10.5, headingSize: 11, padding: 5, minRowHeight: 24 };

/** Every character the sheet prints, to choose the font. */
function formText(form: FormDocument): string {
  return [
    form.title,
    ...form.subtitle,
    ...form.sections.flatMap((s) => [s.heading, ...s.rows.flatMap((r) => [r.label, r.value])]),
    ...form.footer,
    form.watermark ?? '',
  ].join('');
}

/** Renders the sheet on A4 with the platform's CJK font (and its fallbacks for rare characters). */
export async function renderFormPdf(form: FormDocument, options: { fonts?: FontFace[]; fallbackFonts?: FontFace[] } = {}): Promise<Buffer> {
  const plan = orThrow(planFonts(formText(form), options.fonts, options.fallbackFonts));
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: form.lang,
    displayTitle: true,
    info: {
      Title: form.title,
      Author: form.author,
      Creator: 'approval-platform',
      Producer: 'approval-platform (pdfkit)',
      CreationDate: form.issuedAt,
      ModDate: form.issuedAt,
    },
  });
  const pdf = startPdf(doc, plan);
  layOutForm(doc, typesetter(doc, plan), form);
  if (form.watermark) stampEveryPage(doc, typesetter(doc, plan), form.watermark);
  return pdf.end();
}

function layOutForm(doc: PDFKit.PDFDocument, t: Typesetter, form: FormDocument): void {
  const left = PAGE.margin;
  const width = doc.page.width - 2 * PAGE.margin;
  const labelWidth = width * 0.36;
  const bottom = () => doc.page.height - PAGE.margin;

  doc.fontSize(PAGE.titleSize);
  t.text(form.title, left, PAGE.margin, { width, align: 'center' });
  doc.moveDown(0.3).fontSize(PAGE.bodySize);
  for (const line of form.subtitle) t.text(line, left, doc.y, { width, align: 'center' });
  let y = doc.y + 10;

  const cellHeight = (text: string, w: number) => doc.heightOfString(text || ' ', { width: w - 2 * PAGE.padding });
  for (const section of form.sections) {
    doc.fontSize(PAGE.headingSize);
    const headingHeight = cellHeight(section.heading, width) + 2 * PAGE.padding;
    if (y + headingHeight + PAGE.minRowHeight > bottom()) {
      doc.addPage();
      y = PAGE.margin;
    }
    doc.save().rect(left, y, width, headingHeight).fillAndStroke('#eeeeee', '#000000').restore();
    doc.fillColor('black');
    t.text(section.heading, left + PAGE.padding, y + PAGE.padding, { width: width - 2 * PAGE.padding });
    y += headingHeight;
    doc.fontSize(PAGE.bodySize);
    for (const row of section.rows) {
      const height = Math.max(PAGE.minRowHeight, cellHeight(row.label, labelWidth), cellHeight(row.value, width - labelWidth)) + 2 * PAGE.padding - 4;
      if (y + height > bottom()) {
        doc.addPage();
        y = PAGE.margin;
      }
      doc
        .lineWidth(0.6)
        .rect(left, y, labelWidth, height)
        .stroke()
        .rect(left + labelWidth, y, width - labelWidth, height)
        .stroke();
      t.text(row.label, left + PAGE.padding, y + PAGE.padding, { width: labelWidth - 2 * PAGE.padding });
      t.text(row.value, left + labelWidth + PAGE.padding, y + PAGE.padding, { width: width - labelWidth - 2 * PAGE.padding });
      y += height;
    }
    y += 8;
  }
  for (const line of form.footer) {
    const height = cellHeight(line, width) + 6;
    if (y + height > bottom()) {
      doc.addPage();
      y = PAGE.margin;
    }
    t.text(line, left, y + 4, { width });
    y = doc.y + 4;
  }
}

/** The watermark, large and faint, diagonally across each page. */
function stampEveryPage(doc: PDFKit.PDFDocument, t: Typesetter, text: string): void {
  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page++) {
    doc.switchToPage(page);
    const { width, height } = doc.page;
    doc.save().fontSize(72).fillColor('#c00000').fillOpacity(0.12);
    doc.rotate(-35, { origin: [width / 2, height / 2] });
    t.text(text, 0, height / 2 - 40, { width, align: 'center', lineBreak: false });
    doc.restore();
  }
  doc.fillColor('black').fillOpacity(1);
}
