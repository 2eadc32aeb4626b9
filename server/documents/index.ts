import type { FontFace } from './cjk-font.ts';
import { renderDocument } from './pdf-render.ts';
import { sha256Hex, signPdf } from './pdf-sign.ts';
import { DocumentProblemError, problem } from './problems.ts';
import type { DocumentProblem } from './problems.ts';
import type { ResultDocument, SealPlacement } from './result-document.ts';
import { checkSealImage } from './seal-image.ts';
import type { SealSizeBounds } from './seal-image.ts';
import { openSigningIdentity } from './signing-identity.ts';
import type { SigningIdentity } from './signing-identity.ts';

/**
 * Result documents and electronic seals: render a decision, notice or e-license to PDF, stamp it
 * with the department's seal image and sign it (PAdES-B-B) with the department's certificate.
 * Pure functions over buffers: no database, no HTTP. Callers (the seal worker) store the result.
 */
export interface IssueRequest {
  document: Omit<ResultDocument, 'seal'>;
  seal: { png: Buffer; placement?: SealPlacement; size?: SealSizeBounds };
  signer: { p12: Buffer; password: string };
  signature?: {
    /** 电子印章 by default */
    reason?: string;
    location?: string;
    contactInfo?: string;
    /**
     * The claimed signing time; the document's issue time by default, so that a retried worker
     * produces the same bytes. Pass the real time when the retry need not be byte-identical.
     */
    signedAt?: Date;
  };
  fonts?: FontFace[];
  fallbackFonts?: FontFace[];
}

export interface IssuedDocument {
  pdf: Buffer;
  sha256: string;
  signedAt: Date;
  signer: { commonName?: string; organization?: string; serialNumber: string; validTo: Date };
  /**
   * What the document notes without being refused: characters no installed font has, drawn as
   * their code points (document_glyph_unavailable; the PDF's /Info says so too). The caller logs
   * them with the case.
   */
  notes: DocumentProblem[];
}

/**
 * Checks the seal image and the certificate (every problem at once, as a DocumentProblemError), then
 * renders, stamps and signs. A certificate issued to another body than the document's issuer is
 * refused: a department signs only its own documents.
 */
export async function issueSignedDocument(request: IssueRequest): Promise<IssuedDocument> {
  const problems: DocumentProblem[] = [];
  const seal = checkSealImage(request.seal.png, { size: request.seal.size });
  if (!seal.ok) problems.push(...seal.problems);
  const opened = openSigningIdentity(request.signer.p12, request.signer.password);
  if (!opened.ok) problems.push(...opened.problems);
  else if (!issuedTo(opened.info, request.document.issuer)) {
    const holder = opened.info.subject.commonName ?? opened.info.subject.organization ?? '';
    problems.push(
      problem(
        'signer_not_issuer',
        `签章证书属于“${holder}”，不能为“${request.document.issuer}”签章`,
        `the certificate belongs to "${holder}" and cannot sign for "${request.document.issuer}"`,
      ),
    );
  }
  if (problems.length || !opened.ok) throw new DocumentProblemError(problems);

  const identity = opened.info;
  const signedAt = request.signature?.signedAt ?? request.document.issuedAt;
  const { pdf: prepared, notes } = await renderDocument(
    { ...request.document, seal: { png: request.seal.png, placement: request.seal.placement } },
    {
      fonts: request.fonts,
      fallbackFonts: request.fallbackFonts,
      seal: { size: request.seal.size },
      signature: {
        name: identity.subject.commonName ?? request.document.issuer,
        reason: request.signature?.reason ?? '电子印章',
        location: request.signature?.location,
        contactInfo: request.signature?.contactInfo,
        signedAt,
      },
    },
  );
  const pdf = await signPdf(prepared, identity);
  return {
    pdf,
    sha256: sha256Hex(pdf),
    signedAt,
    signer: {
      commonName: identity.subject.commonName,
      organization: identity.subject.organization,
      serialNumber: identity.serialNumber,
      validTo: identity.validTo,
    },
    notes,
  };
}

function issuedTo(identity: SigningIdentity, issuer: string): boolean {
  const { commonName, organization, organizationalUnit } = identity.subject;
  return [commonName, organization, organizationalUnit].includes(issuer);
}

export { checkSealImage, ROUND_SEAL_SIZE, SEAL_DPI, SEAL_MAX_BYTES } from './seal-image.ts';
export type { SealCheckOptions, SealImageInfo, SealSizeBounds } from './seal-image.ts';
export { makeDemoSealImage } from './demo-seal.ts';
export type { DemoSealOptions } from './demo-seal.ts';
export { createSandboxCa, issueSigningCertificate } from './sandbox-ca.ts';
export type { IssuedSigningCertificate, SandboxCa, SigningCertificateRequest } from './sandbox-ca.ts';
export { readP12 } from './signing-identity.ts';
export type { ReadP12Options, SigningIdentity } from './signing-identity.ts';
export { renderDocument, renderPdf } from './pdf-render.ts';
export { renderFormPdf } from './form-pdf.ts';
export type { FormDocument, FormSection } from './form-pdf.ts';
export type { RenderedDocument, RenderOptions } from './pdf-render.ts';
export { chineseDate } from './result-document.ts';
export type { DocumentField, ResultDocument, SealPlacement, SealStamp } from './result-document.ts';
export type { SignatureReservation } from './signature-placeholder.ts';
export { sha256Hex, signPdf } from './pdf-sign.ts';
export { generateSm2KeyPair, signSm2, verifySm2, SM2_DEFAULT_USER_ID } from './sm2-signature.ts';
export type { Sm2KeyPair, Sm2Signature } from './sm2-signature.ts';
export { DEBIAN_CJK_FONTS, DEBIAN_FALLBACK_FONTS, planFonts, unavailableGlyph } from './cjk-font.ts';
export type { FontFace } from './cjk-font.ts';
export { DocumentProblemError } from './problems.ts';
export type { Checked, DocumentProblem, DocumentProblemCode } from './problems.ts';
export { readSm2Identity, readSm2CertificateOnly } from './sm2-certificate.ts';
export type { Sm2Identity } from './sm2-certificate.ts';
export { issueSandboxSm2Certificate } from './sandbox-sm2.ts';
export { verifyPades } from './pades-verify.ts';
export type { PadesCheck } from './pades-verify.ts';
