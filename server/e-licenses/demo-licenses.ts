import { randomBytes } from 'node:crypto';
import { ELicense } from './e-license.model.ts';
import { DEMO_ACCOUNTS } from '../auth/index.ts';
import { lookupHash } from '../privacy/sealing.ts';

/**
 * The embedded default's e-license registry starts with the demo applicant's resident identity
 * card (居民身份证电子证照), as a city's registry holds every resident's: their cases may name it
 * instead of uploading a scan. Production registries are filled by issuing, never by this.
 */
export async function seedDemoLicenses(): Promise<void> {
  for (const account of DEMO_ACCOUNTS.filter((a) => a.idNo)) {
    const idNo = account.idNo!;
    if (await ELicense.findOne({ where: { type: 'resident-id', holderIdNoHash: lookupHash(idNo) } })) continue;
    await ELicense.create({
      type: 'resident-id',
      // a licence number of its own (电子证照编号), not the ID number it certifies
      number: `DZZZ-SFZ-${randomBytes(5).toString('hex').toUpperCase()}`,
      name: '居民身份证电子证照',
      holderIdNo: idNo,
      holderName: account.displayName,
      data: { operatorName: account.displayName, operatorIdNo: idNo },
      validFrom: new Date('2020-01-01T00:00:00+08:00'),
      validUntil: new Date('2040-01-01T00:00:00+08:00'),
    });
  }
}
