import PDFDocument from 'pdfkit';
import { planFonts } from './cjk-font.ts';
import type { FontFace } from './cjk-font.ts';
import { DOCUMENT_PAGE, layOutDocument } from './layout-document.ts';
import type { SealAnchor } from './layout-document.ts';
import { LICENSE_PAGE, layOutLicense } from './layout-license.ts';
import { orThrow, problem } from './problems.ts';
import type { DocumentProblem } from './problems.ts';
import { startPdf } from './pdf-output.ts';
import { typesetter } from './typeset.ts';
import type { ResultDocument } from './result-document.ts';
import { documentText } from './result-document.ts';
import { sealForPdfkit } from './seal-for-pdf.ts';
import { checkSealImage } from './seal-image.ts';
import type { SealCheckOptions } from './seal-image.ts';
import { addSignaturePlaceholder } from './signature-placeholder.ts';
import type { SignatureReservation } from './signature-placeholder.ts';

export interface RenderOptions {
  /** reserve a signature for `signPdf`; without it the PDF is final as rendered */
  signature?: SignatureReservation;
  fonts?: FontFace[];
  /** the faces a character the document's face lacks is taken from (DEBIAN_FALLBACK_FONTS by default) */
  fallbackFonts?: FontFace[];
  /** bounds for the seal's true size; a round seal by default */
  seal?: SealCheckOptions;
}

const mmToPt = (v: number) => (v / 25.4) * 72;
const DEFAULT_SEAL_MM = 42;

/**
 * Renders a result document to PDF with pdfkit (its fontkit subsets the CJK font correctly). The
 * output depends only on the input: the dates in /Info come from `issuedAt`, and pdfkit derives the
 * file /ID from /Info, so a retried worker renders the same bytes and signs the same digest.
 *
 * A seal is drawn at its true size (its 600-DPI pixels), after being checked against the seal rule:
 * a document never carries a seal image that the rule refuses.
 */
export async function renderPdf(document: ResultDocument, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderDocument(document, options)).pdf;
}

/** A rendered document and what it notes: characters no installed face has (drawn as their code points). */
export interface RenderedDocument {
  pdf: Buffer;
  notes: DocumentProblem[];
}

/**
 * renderPdf, with the notes: a character that no installed face has (not even the fallbacks of
 * CJK Extensions B–H) does not stop the document. It is drawn as its code point (【U+30041】), the
 * document's /Info says so (`GlyphsUnavailable`), and the note `document_glyph_unavailable` comes
 * back for the caller to log and record with the case.
 */
export async function renderDocument(document: ResultDocument, options: RenderOptions = {}): Promise<RenderedDocument> {
  const plan = orThrow(planFonts(documentText(document), options.fonts, options.fallbackFonts));
  const codes = plan.unavailable.map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
  const notes = plan.unavailable.length
    ? [
        problem(
          'document_glyph_unavailable',
          `已安装的字体均无以下字符，文书中以其编码代替：${plan.unavailable.map((cp) => `${String.fromCodePoint(cp)}（${codes[plan.unavailable.indexOf(cp)]}）`).join('、')}`,
          `no installed font has these characters; the document shows their code points instead: ${codes.join(', ')}`,
        ),
      ]
    : [];
  const seal = document.seal ? orThrow(checkSealImage(document.seal.png, options.seal)) : undefined;
  const sealWidth = mmToPt(seal?.imageWidthMm ?? DEFAULT_SEAL_MM);
  const sealHeight = mmToPt(seal?.imageHeightMm ?? DEFAULT_SEAL_MM);
  const license = document.layout === 'license';
  const page = license ? LICENSE_PAGE : DOCUMENT_PAGE;

  const doc = new PDFDocument({
    size: page.size,
    layout: license ? LICENSE_PAGE.layout : 'portrait',
    margins: license
      ? { top: LICENSE_PAGE.frame + 20, bottom: LICENSE_PAGE.frame + 20, left: LICENSE_PAGE.frame + 20, right: LICENSE_PAGE.frame + 20 }
      : DOCUMENT_PAGE.margins,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: document.title,
      Author: document.issuer,
      Subject: document.documentNo,
      Creator: 'approval-platform',
      Producer: 'approval-platform (pdfkit)',
      CreationDate: document.issuedAt,
      ModDate: document.issuedAt,
      ...(codes.length ? { GlyphsUnavailable: codes.join(' ') } : {}),
    },
  });
  const pdf = startPdf(doc, plan);
  const t = typesetter(doc, plan);
  const anchor = license ? layOutLicense(doc, t, document) : layOutDocument(doc, t, document, sealHeight);

  const target = placement(document, anchor);
  const rect = { left: target.x - sealWidth / 2, top: target.y - sealHeight / 2 };
  doc.switchToPage(target.page);
  if (document.seal) doc.image(sealForPdfkit(document.seal.png), rect.left, rect.top, { width: sealWidth, height: sealHeight });
  if (options.signature) {
    // PDF user space counts up from the bottom of the page
    const bottom = doc.page.height - rect.top - sealHeight;
    addSignaturePlaceholder(doc, options.signature, [rect.left, bottom, rect.left + sealWidth, bottom + sealHeight]);
  }
  return { pdf: await pdf.end(), notes };
}

function placement(document: ResultDocument, anchor: SealAnchor): SealAnchor {
  const wanted = document.seal?.placement;
  if (!wanted || wanted === 'issuer') return anchor;
  return { page: wanted.page ?? anchor.page, x: mmToPt(wanted.xMm), y: mmToPt(wanted.yMm) };
}
