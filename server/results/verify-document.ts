import { readSm2CertificateOnly, SM2_DEFAULT_USER_ID, verifyPades, verifySm2 } from '../documents/index.ts';
import { sealCertificatesOf } from '../seals/index.ts';
import type { ResultDocumentRecord } from './result-documents.ts';

/**
 * 验章: the two signatures of a sealed document, each checked on its own.
 * - rsa: the PDF's PAdES signature is sound over the whole file and by the seal's certificate
 *   (valid), or the bytes changed (tampered), or it is another certificate's (wrong_signer).
 * - sm2: the SM2-with-SM3 signature kept with the document verifies over the file with the public
 *   key of the seal's SM2 certificate (valid), or not (tampered); absent when the seal had no SM2
 *   certificate when it sealed (RSA only).
 */
export type SignatureStatus = 'valid' | 'tampered' | 'wrong_signer' | 'absent';

export interface DocumentVerification {
  sha256Matches: boolean;
  rsa: { status: SignatureStatus; certificateSerial: string | null; signer: string | null };
  sm2: { status: SignatureStatus; certificateSerial: string | null; userId: string | null };
}

export async function verifySealedDocument(document: ResultDocumentRecord, pdf: Buffer, sha256: string): Promise<DocumentVerification> {
  const seal = await sealCertificatesOf(document.sealId);
  const pades = verifyPades(pdf);
  let rsa: DocumentVerification['rsa'] = { status: pades.status === 'absent' ? 'absent' : 'tampered', certificateSerial: null, signer: null };
  if (pades.status === 'valid' || pades.status === 'invalid') {
    const sound = pades.status === 'valid' && pades.coversWholeFile;
    const status = !sound ? 'tampered' : sameSerial(pades.signerSerial, seal?.rsaSerial) ? 'valid' : 'wrong_signer';
    rsa = { status, certificateSerial: pades.signerSerial, signer: pades.signerSubject };
  }

  let sm2: DocumentVerification['sm2'] = { status: 'absent', certificateSerial: null, userId: null };
  if (document.sm2Signature) {
    const certificate = seal?.sm2Certificate ? readSm2CertificateOnly(seal.sm2Certificate) : null;
    const trusted = certificate?.ok && sameSerial(certificate.info.serialNumber, document.sm2CertificateSerial ?? '') ? certificate.info.publicKey : null;
    const signature = { algorithm: 'SM2-with-SM3' as const, userId: SM2_DEFAULT_USER_ID, publicKey: trusted ?? '', signature: document.sm2Signature };
    sm2 = {
      status: !trusted ? 'wrong_signer' : verifySm2(pdf, signature, trusted) ? 'valid' : 'tampered',
      certificateSerial: document.sm2CertificateSerial,
      userId: SM2_DEFAULT_USER_ID,
    };
  }
  return { sha256Matches: sha256 === document.sha256, rsa, sm2 };
}

const sameSerial = (a: string, b: string | undefined) => !!b && a.toLowerCase().replace(/^0+/, '') === b.toLowerCase().replace(/^0+/, '');
