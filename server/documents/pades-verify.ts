import { X509Certificate, createHash, verify } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;

/** What a PDF's PAdES signature says, as the platform checks it (./pades-signer.ts makes it). */
export type PadesCheck =
  | { status: 'valid'; signerSerial: string; signerSubject: string; coversWholeFile: boolean }
  | { status: 'invalid'; reason: 'digest_mismatch' | 'signature_mismatch'; signerSerial: string; signerSubject: string }
  | { status: 'absent' | 'unreadable' };

const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

/**
 * Checks the (last) signature of a PDF the platform sealed: the SHA-256 of the bytes /ByteRange
 * covers equals the signed message-digest, and the signer certificate's RSA key verifies the signed
 * attributes. No trust chain: which certificate is acceptable is the caller's decision (the seal's).
 * A changed byte outside /Contents changes the digest; one inside it, the signature.
 */
export function verifyPades(pdf: Buffer): PadesCheck {
  const ranges = [...pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  if (!ranges.length) return { status: 'absent' };
  const [start1, length1, start2, length2] = ranges[ranges.length - 1].slice(1).map(Number);
  if (start1 !== 0 || start1 + length1 >= start2 || start2 + length2 > pdf.length) return { status: 'unreadable' };
  try {
    const cms = asn1.fromDer(forge.util.createBuffer(derOf(Buffer.from(pdf.toString('latin1', length1 + 1, start2 - 1), 'hex')).toString('binary')));
    const signedData = ((cms.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
    const certificates = (signedData.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0)?.value ?? []) as forge.asn1.Asn1[];
    const signerInfos = signedData[signedData.length - 1].value as forge.asn1.Asn1[];
    const signerInfo = signerInfos[0].value as forge.asn1.Asn1[];
    const attributes = signerInfo.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0)!;
    const signature = Buffer.from(signerInfo[signerInfo.length - 1].value as string, 'binary');
    const serial = Buffer.from(((signerInfo[1].value as forge.asn1.Asn1[])[1].value as string) ?? '', 'binary').toString('hex');
    const certificate = certificates
      .map((c) => new X509Certificate(Buffer.from(asn1.toDer(c).getBytes(), 'binary')))
      .find((c) => c.serialNumber.toLowerCase().replace(/^0+/, '') === serial.replace(/^0+/, ''));
    if (!certificate) return { status: 'unreadable' };
    const signer = { signerSerial: certificate.serialNumber.toLowerCase(), signerSubject: certificate.subject.replace(/\n/g, ', ') };

    const messageDigest = (attributes.value as forge.asn1.Asn1[])
      .map((a) => a.value as forge.asn1.Asn1[])
      .find((a) => asn1.derToOid(forge.util.createBuffer(a[0].value as string)) === OID_MESSAGE_DIGEST);
    const signedDigest = Buffer.from(((messageDigest?.[1].value as forge.asn1.Asn1[])[0].value as string) ?? '', 'binary');
    const digest = createHash('sha256')
      .update(pdf.subarray(start1, start1 + length1))
      .update(pdf.subarray(start2, start2 + length2))
      .digest();
    if (!digest.equals(signedDigest)) return { status: 'invalid', reason: 'digest_mismatch', ...signer };

    // the signature covers the attributes DER-encoded as a SET, not as the [0] they are stored under
    const set = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, attributes.value as forge.asn1.Asn1[]);
    const toBeSigned = Buffer.from(asn1.toDer(set).getBytes(), 'binary');
    if (!verify('sha256', toBeSigned, certificate.publicKey, signature)) return { status: 'invalid', reason: 'signature_mismatch', ...signer };
    return { status: 'valid', ...signer, coversWholeFile: start2 + length2 === pdf.length };
  } catch {
    return { status: 'unreadable' };
  }
}

/** The DER in /Contents, without the zero padding after it. */
function derOf(padded: Buffer): Buffer {
  const long = padded[1] >= 0x80;
  const lengthBytes = long ? padded[1] & 0x7f : 0;
  const length = long ? padded.readUIntBE(2, lengthBytes) : padded[1];
  return padded.subarray(0, 2 + lengthBytes + length);
}
