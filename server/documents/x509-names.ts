import forge from 'node-forge';

export interface NameFields {
  commonName?: string;
  organization?: string;
  organizationalUnit?: string;
  country?: string;
}

/**
 * forge keeps a parsed name's UTF8String values as raw UTF-8 bytes but encodes them again when it
 * writes a name, so a Chinese issuer copied from a parsed certificate would come out garbled. These
 * helpers decode the values first.
 */
export function decodedAttributes(attributes: forge.pki.CertificateField[]): forge.pki.CertificateField[] {
  return attributes.map((attr) => ({ ...attr, value: decodeValue(attr) }));
}

/** The common fields of a distinguished name, as text. */
export function nameFields(attributes: forge.pki.CertificateField[]): NameFields {
  const get = (shortName: string) => {
    const attr = attributes.find((a) => a.shortName === shortName);
    return attr ? decodeValue(attr) : undefined;
  };
  return { commonName: get('CN'), organization: get('O'), organizationalUnit: get('OU'), country: get('C') };
}

function decodeValue(attr: forge.pki.CertificateField): string | undefined {
  if (typeof attr.value !== 'string') return undefined;
  const tag = attr.valueTagClass as unknown as number;
  if (tag === forge.asn1.Type.UTF8) return forge.util.decodeUtf8(attr.value);
  if (tag === forge.asn1.Type.BMPSTRING) return Buffer.from(attr.value, 'binary').swap16().toString('utf16le');
  return attr.value;
}
