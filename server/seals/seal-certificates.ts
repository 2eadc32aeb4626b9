import { Seal } from './seal.model.ts';

/** What verifying a document sealed with a seal trusts: its RSA certificate's serial and its SM2 certificate (PEM), never a key. */
export interface SealCertificates {
  name: string;
  rsaSerial: string;
  sm2Certificate: string | null;
}

export async function sealCertificatesOf(sealId: number): Promise<SealCertificates | null> {
  const seal = await Seal.findByPk(sealId, { attributes: ['name', 'certificateSerial', 'sm2Certificate'] });
  return seal ? { name: seal.name, rsaSerial: seal.certificateSerial, sm2Certificate: seal.sm2Certificate ?? null } : null;
}
