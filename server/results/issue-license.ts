import type { Transaction } from 'sequelize';
import type { ItemDefinition } from '../../contract/catalog/item.ts';
import type { ResultDocument as PdfDocument } from '../documents/result-document.ts';
import { shanghaiDay } from '../calendar/index.ts';
import { birthCertificateNumberFor, creditCodeFor, foodLicenceNumberFor, householdNumberFor } from './license-numbers.ts';
import { type ELicenseRecord, issueLicenseOnce } from '../e-licenses/index.ts';
import type { CaseRecord } from '../cases/index.ts';
import { enumLabel, type EnumField } from '../../contract/catalog/enum-labels.ts';

const YEAR_MS = 365 * 24 * 3600_000;

interface LicenseKind {
  number(regionCode: string, caseNo: string): string;
  /** null: long-term (长期) */
  validYears: number | null;
  /** what the license states, for prefilling later forms */
  data(c: CaseRecord, number: string): Record<string, unknown>;
}

const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** The case's form values of those fields that were given, as they were given (later forms are prefilled from them). */
const given = (c: CaseRecord, fields: string[]) =>
  Object.fromEntries(fields.flatMap((f) => (c.form[f] === undefined || c.form[f] === '' ? [] : [[f, c.form[f]]])));

/** The license types an item can issue, by their e-license type in the material catalog. */
const KINDS: Record<string, LicenseKind> = {
  'business-license': {
    number: creditCodeFor,
    validYears: null,
    data: (c, number) => ({
      creditCode: number,
      businessName: text(c.form.businessName),
      operatorName: c.applicantName,
      premisesAddress: text(c.form.premisesAddress),
      businessScope: text(c.form.businessScope),
    }),
  },
  'food-business-license': {
    number: foodLicenceNumberFor,
    validYears: 5,
    data: (c, number) => ({
      foodLicenceNo: number,
      businessName: text(c.form.businessName),
      creditCode: text(c.form.creditCode),
      premisesAddress: text(c.form.premisesAddress),
    }),
  },
  // 出生医学证明 (卫生健康委员会, 出生医学证明首次签发): the newborn and the parents as registered
  'birth-certificate': {
    number: birthCertificateNumberFor,
    validYears: null,
    data: (c) =>
      given(c, ['babyName', 'babyGender', 'babyBirthDate', 'birthWeightGrams', 'birthInstitution', 'motherName', 'motherIdNo', 'fatherName', 'fatherIdNo']),
  },
  // 居民户口簿 (公安局, 出生登记): the page of the newly registered person
  'household-register': {
    number: householdNumberFor,
    validYears: null,
    data: (c, number) => ({
      householdNo: number,
      ...given(c, ['babyName', 'babyGender', 'babyBirthDate', 'babyIdNo', 'householdAddress', 'motherName', 'motherIdNo', 'fatherName', 'fatherIdNo']),
    }),
  },
};

export const issuableLicenseTypes = (): string[] => Object.keys(KINDS);

/**
 * 电子证照入库: issues the license an approved case earns into the registry, held by the applicant.
 * The number comes from the case, so a retried seal task finds the license it issued before.
 */
export async function issueLicense(c: CaseRecord, type: string, name: string, regionCode: string, transaction: Transaction): Promise<ELicenseRecord> {
  const kind = KINDS[type];
  if (!kind) throw new Error(`no rule for issuing e-licenses of type "${type}" (item ${c.itemCode})`);
  const number = kind.number(regionCode, c.caseNo);
  const validFrom = c.finishedAt ?? new Date();
  return issueLicenseOnce(
    {
      type,
      number,
      name,
      holderIdNo: c.applicantIdNo,
      holderName: c.applicantName,
      data: kind.data(c, number),
      validFrom,
      validUntil: kind.validYears ? new Date(validFrom.getTime() + kind.validYears * YEAR_MS) : null,
      issuedByCaseId: c.id,
    },
    transaction,
  );
}

/**
 * The e-license as a certificate page (layout 'license'), sealed like the decision. An option
 * (性别 …) is stated by its label in the item's form (x-enum-labels), not its code.
 */
export function licenseDocument(
  license: ELicenseRecord,
  item: ItemDefinition,
  issuer: string,
  formSchema: { properties?: Record<string, EnumField> },
): PdfDocument {
  // what the certificate page states (ID numbers stay in the registry's sealed data, off the page)
  const labels: Record<string, string> = {
    creditCode: '统一社会信用代码',
    foodLicenceNo: '许可证编号',
    businessName: '名称',
    operatorName: '经营者',
    premisesAddress: '经营场所',
    businessScope: '经营范围',
    householdNo: '户号',
    babyName: '姓名',
    babyGender: '性别',
    babyBirthDate: '出生日期',
    birthWeightGrams: '出生体重（克）',
    birthInstitution: '出生地点',
    householdAddress: '住址',
    motherName: '母亲姓名',
    fatherName: '父亲姓名',
  };
  const shown = (k: string, v: unknown) => (formSchema.properties?.[k]?.enum ? enumLabel(formSchema.properties[k], v, 'zh-CN') : text(v));
  return {
    layout: 'license',
    title: license.name,
    documentNo: license.number,
    recipient: license.holderName,
    paragraphs: [`依据${[...new Set(item.legalBasis.map((b) => b.title))].join('、')}，准予${item.name}，特发此证。`],
    fields: [
      ...Object.entries(license.data).flatMap(([k, v]) => (labels[k] && text(v) ? [{ label: labels[k]!, value: shown(k, v) }] : [])),
      { label: '有效期', value: license.validUntil ? `至${shanghaiDay(license.validUntil)}` : '长期' },
    ],
    issuer,
    issuedAt: license.validFrom,
  };
}
