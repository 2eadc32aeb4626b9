import { cityNameOf } from '../organization/index.ts';

/** The city in the seals and documents of a region (GB/T 2260); departments sign as "<city><department>". */
export const cityOf = (regionCode: string): string => cityNameOf(regionCode);

/** 长沙市市场监督管理局: the department as its seal, certificate and documents name it. */
export const issuerName = (regionCode: string, departmentNameZh: string): string => `${cityOf(regionCode)}${departmentNameZh}`;

/** 长沙市人民政府: the body the departments' certificates belong to. */
export const governmentName = (regionCode: string): string => `${cityOf(regionCode) || ''}人民政府`;

/** A department signs only its own documents: a certificate's CN, OU or O is the department as documents name it. */
export const namesIssuer = (subject: { commonName?: string; organizationalUnit?: string; organization?: string }, issuer: string): boolean =>
  [subject.commonName, subject.organizationalUnit, subject.organization].includes(issuer);
