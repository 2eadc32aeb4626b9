import { sm2 } from 'sm-crypto-v2';

/**
 * A detached SM2 signature (GB/T 32918, SM3 digest with the signer's Z value, GM/T 0009 default
 * user id) over an issued file, kept beside the PDF for systems that require the national
 * algorithms. PDF readers do not validate SM2, so the PDF itself carries the RSA PAdES signature.
 */
export interface Sm2Signature {
  algorithm: 'SM2-with-SM3';
  userId: string;
  /** uncompressed public key, hex (04 || x || y) */
  publicKey: string;
  /** DER-encoded (r, s), hex */
  signature: string;
}

export interface Sm2KeyPair {
  privateKey: string;
  publicKey: string;
}

/** GM/T 0009-2012's default signer id, which other SM2 implementations assume when none is agreed. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

export function signSm2(file: Buffer, keys: Sm2KeyPair, userId = SM2_DEFAULT_USER_ID): Sm2Signature {
  const signature = sm2.doSignature(new Uint8Array(file), keys.privateKey, { hash: true, der: true, publicKey: keys.publicKey, userId });
  return { algorithm: 'SM2-with-SM3', userId, publicKey: keys.publicKey, signature };
}

/**
 * Checks a signature against the public key the caller trusts (the department's, from its own
 * records), never against the key the signature record carries.
 */
export function verifySm2(file: Buffer, signature: Sm2Signature, trustedPublicKey: string): boolean {
  try {
    return sm2.doVerifySignature(new Uint8Array(file), signature.signature, trustedPublicKey, { hash: true, der: true, userId: signature.userId });
  } catch {
    return false;
  }
}
