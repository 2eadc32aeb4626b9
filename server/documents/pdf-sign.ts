import { createHash } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { PadesSigner } from './pades-signer.ts';
import type { SigningIdentity } from './signing-identity.ts';

/**
 * Signs a PDF rendered with a signature reservation: @signpdf/signpdf computes the byte range around
 * the placeholder and `PadesSigner` writes a PAdES-B-B (ETSI.CAdES.detached) signature into it.
 * The visible seal is already in the page content, inside the signed bytes.
 */
export async function signPdf(pdf: Buffer, identity: SigningIdentity): Promise<Buffer> {
  if (!pdf.includes('/ByteRange [0 /**********')) {
    throw new Error('the PDF has no signature placeholder; render it with a signature reservation');
  }
  return new SignPdf().sign(pdf, new PadesSigner(identity));
}

/** The hex SHA-256 of a file, as stored beside an issued document to find it and prove it unchanged. */
export function sha256Hex(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}
