import { createHash, createPrivateKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import type { SigningIdentity } from './signing-identity.ts';

const { asn1 } = forge;
const { Class, Type } = asn1;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

/**
 * A PAdES-B-B signature (ETSI EN 319 142-1): a detached CAdES SignedData over the PDF's byte range,
 * RSA with SHA-256, whose signed attributes are content-type, message-digest and ESS
 * signing-certificate-v2 (the hash of the signer's certificate, so it cannot be swapped for another
 * with the same key). As B-B requires, there is no signing-time attribute: the claimed time is the
 * signature dictionary's /M.
 *
 * Why not @signpdf/signer-p12: it writes adbe.pkcs7.detached through forge's PKCS#7, which has no
 * signing-certificate-v2, and forge re-encodes the issuer name for IssuerAndSerialNumber, garbling
 * Chinese (UTF8String) names so that verifiers cannot match the certificate. Here the issuer and
 * serial are copied from the certificate's own DER, and everything is a few ASN.1 structures built
 * with forge's encoder, which needs no further dependency (pkijs would be a second ASN.1 stack).
 * RSA PKCS#1 v1.5 is deterministic, so the same prepared PDF always gets the same signature.
 */
export class PadesSigner extends Signer {
  private readonly key: KeyObject;

  constructor(private readonly identity: SigningIdentity) {
    super();
    this.key = createPrivateKey(forge.pki.privateKeyToPem(identity.privateKey));
  }

  override async sign(content: Buffer): Promise<Buffer> {
    const certificates = this.identity.certificatesDer.map((der) => asn1.fromDer(forge.util.createBuffer(der.toString('binary'))));
    const { issuer, serial } = issuerAndSerial(certificates[0]);
    const signedAttributes = derSorted([
      attribute(OID.contentType, oid(OID.data)),
      attribute(OID.messageDigest, octets(createHash('sha256').update(content).digest())),
      attribute(
        OID.signingCertificateV2,
        // SigningCertificateV2 { certs: [ESSCertIDv2 { hashAlgorithm: sha256 (the default, so omitted), certHash, issuerSerial }] }
        seq([
          seq([
            seq([
              octets(createHash('sha256').update(this.identity.certificatesDer[0]).digest()),
              seq([seq([asn1.create(Class.CONTEXT_SPECIFIC, 4, true, [issuer])]), serial]),
            ]),
          ]),
        ]),
      ),
    ]);
    // the signature covers the attributes DER-encoded as a SET, not as the [0] they are stored under
    const toBeSigned = derBytes(asn1.create(Class.UNIVERSAL, Type.SET, true, signedAttributes));
    const signature = sign('sha256', toBeSigned, this.key);

    const signerInfo = seq([
      integer(1),
      seq([issuer, serial]),
      algorithm(OID.sha256),
      asn1.create(Class.CONTEXT_SPECIFIC, 0, true, signedAttributes),
      algorithm(OID.rsaEncryption),
      octets(signature),
    ]);
    const signedData = seq([
      integer(1),
      asn1.create(Class.UNIVERSAL, Type.SET, true, [algorithm(OID.sha256)]),
      seq([oid(OID.data)]),
      asn1.create(Class.CONTEXT_SPECIFIC, 0, true, certificates),
      asn1.create(Class.UNIVERSAL, Type.SET, true, [signerInfo]),
    ]);
    return derBytes(seq([oid(OID.signedData), asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
  }
}

/** The issuer Name and serial INTEGER exactly as the certificate encodes them. */
function issuerAndSerial(certificate: forge.asn1.Asn1): { issuer: forge.asn1.Asn1; serial: forge.asn1.Asn1 } {
  const tbs = (certificate.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  const at = tbs[0].tagClass === Class.CONTEXT_SPECIFIC ? 1 : 0; // [0] version is present in v3 certificates
  return { serial: tbs[at], issuer: tbs[at + 2] };
}

const seq = (value: forge.asn1.Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, value);
const oid = (id: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: Buffer) => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes.toString('binary'));
const integer = (n: number) => asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const algorithm = (id: string) => seq([oid(id), asn1.create(Class.UNIVERSAL, Type.NULL, false, '')]);
const attribute = (type: string, value: forge.asn1.Asn1) => seq([oid(type), asn1.create(Class.UNIVERSAL, Type.SET, true, [value])]);
const derBytes = (value: forge.asn1.Asn1) => Buffer.from(asn1.toDer(value).getBytes(), 'binary');

/** DER orders the members of a SET OF by their encodings. */
function derSorted(members: forge.asn1.Asn1[]): forge.asn1.Asn1[] {
  return members
    .map((m) => ({ m, der: derBytes(m) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map(({ m }) => m);
}
