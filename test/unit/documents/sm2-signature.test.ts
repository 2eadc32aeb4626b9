import { expect } from 'chai';
import { SM2_DEFAULT_USER_ID, generateSm2KeyPair, signSm2, verifySm2 } from '../../../server/documents/index.ts';

describe('SM2 detached signature beside an issued file', () => {
  const keys = generateSm2KeyPair();
  const file = Buffer.from('%PDF-1.7\n准予行政许可决定书 长审批准字〔2026〕第118号\n%%EOF\n');

  it('signs with SM2/SM3 and verifies against the department key', () => {
    const signature = signSm2(file, keys);
    expect(signature).to.include({ algorithm: 'SM2-with-SM3', userId: SM2_DEFAULT_USER_ID, publicKey: keys.publicKey });
    expect(signature.signature).to.match(/^30[0-9a-f]+$/); // DER SEQUENCE { r, s }
    expect(verifySm2(file, signature, keys.publicKey)).to.equal(true);
  });

  it('rejects a changed file, another key, and a signature made for another user id', () => {
    const signature = signSm2(file, keys);
    const changed = Buffer.from(file);
    changed[12] ^= 0x01;
    expect(verifySm2(changed, signature, keys.publicKey)).to.equal(false);
    expect(verifySm2(file, signature, generateSm2KeyPair().publicKey)).to.equal(false);
    expect(verifySm2(file, { ...signature, userId: 'someone-else' }, keys.publicKey)).to.equal(false);
  });

  it('trusts the key the caller holds, not the one the signature record names', () => {
    const forger = generateSm2KeyPair();
    const forged = signSm2(file, forger);
    expect(verifySm2(file, { ...forged, publicKey: keys.publicKey }, keys.publicKey)).to.equal(false);
  });
});
