import type { Seal } from './seal.model.ts';
import type { NameFields } from '../documents/x509-names.ts';

/** A seal as administrators see it: never its certificate file or password. */
export interface SealView {
  id: number;
  departmentCode: string;
  departmentName: string | null;
  name: string;
  certificate: { subject: string; serial: string; validFrom: string; validUntil: string };
  /** the SM2 certificate's serial; null: documents carry the RSA PAdES signature only */
  sm2Certificate: { serial: string } | null;
  users: string[];
  active: boolean;
  createdBy: string;
  createdAt: string;
  imageUrl: string;
}

export function sealView(seal: Seal, departmentName: string | null): SealView {
  return {
    id: seal.id,
    departmentCode: seal.departmentCode,
    departmentName,
    name: seal.name,
    certificate: {
      subject: seal.certificateSubject,
      serial: seal.certificateSerial,
      validFrom: seal.validFrom.toISOString(),
      validUntil: seal.validUntil.toISOString(),
    },
    sm2Certificate: seal.sm2CertificateSerial ? { serial: seal.sm2CertificateSerial } : null,
    users: seal.users,
    active: seal.active,
    createdBy: seal.createdBy,
    createdAt: seal.createdAt.toISOString(),
    imageUrl: `/api/v1/seals/${seal.id}/image`,
  };
}

/** "CN=长沙市市场监督管理局, OU=…, O=长沙市人民政府, C=CN": the certificate's subject as stored and shown. */
export function subjectText(subject: NameFields): string {
  const parts: [string, string | undefined][] = [
    ['CN', subject.commonName],
    ['OU', subject.organizationalUnit],
    ['O', subject.organization],
    ['C', subject.country],
  ];
  return parts
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')
    .slice(0, 400);
}
