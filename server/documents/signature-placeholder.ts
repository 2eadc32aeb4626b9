import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SIG_FLAGS, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

/** What the signature dictionary says besides the signature itself; fixed before the document is written. */
export interface SignatureReservation {
  /** the signer as shown by readers (the department) */
  name: string;
  /** 电子印章 */
  reason: string;
  /** where it was signed: the city */
  location?: string;
  contactInfo?: string;
  /** the claimed signing time (/M); PAdES keeps it out of the CMS, so it must be right here */
  signedAt: Date;
}

/**
 * Room for the CMS signature, in bytes. A PAdES signature with a 2048-bit key and a three-certificate
 * chain is under 5 KB; 16 KB leaves room for larger chains and keys.
 */
export const SIGNATURE_BYTES = 16 * 1024;

/** pdfkit's internals that a signature field needs; they are stable across 0.11–0.20 but untyped. */
interface PdfkitInternals {
  ref(data: object): PdfRef;
  initForm(): void;
  _root: { data: { AcroForm?: PdfRef } };
  page: { dictionary: PdfRef; annotations: PdfRef[] };
}
interface PdfRef {
  data: Record<string, unknown>;
  end(chunk?: Buffer | string): void;
}

/**
 * Adds the signature field and its dictionary with a zeroed /Contents and a /ByteRange placeholder,
 * which @signpdf/signpdf later fills in. This is what @signpdf/placeholder-pdfkit does, written here
 * because that package declares pdfkit 0.11 as its peer and we render with 0.20.
 *
 * The widget covers `rect` on the current page (the seal), so a reader that shows signatures
 * highlights the seal; its appearance is empty because the seal itself is drawn in the page content,
 * inside the signed bytes.
 */
export function addSignaturePlaceholder(document: PDFKit.PDFDocument, reservation: SignatureReservation, rect: [number, number, number, number]): void {
  const pdf = document as unknown as PdfkitInternals;
  const signature = pdf.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    ByteRange: [0, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER],
    Contents: Buffer.alloc(SIGNATURE_BYTES),
    Reason: new String(reservation.reason),
    M: reservation.signedAt,
    Name: new String(reservation.name),
    ...(reservation.location ? { Location: new String(reservation.location) } : {}),
    ...(reservation.contactInfo ? { ContactInfo: new String(reservation.contactInfo) } : {}),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' } },
  });
  if (!pdf._root.data.AcroForm) pdf.initForm();
  const form = pdf._root.data.AcroForm!;
  const fields = form.data.Fields as PdfRef[];
  form.data = { Type: 'AcroForm', SigFlags: SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY, Fields: fields, DR: form.data.DR };

  const [x1, y1, x2, y2] = rect;
  const appearance = pdf.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, x2 - x1, y2 - y1], Resources: {} });
  appearance.end('');
  const widget = pdf.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: rect,
    F: 4 | 128, // print, locked
    V: signature,
    T: new String(`Signature${fields.length + 1}`),
    P: pdf.page.dictionary,
    AP: { N: appearance },
  });
  pdf.page.annotations.push(widget);
  fields.push(widget);
  signature.end();
  widget.end();
}
