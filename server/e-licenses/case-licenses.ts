import { Op, type Transaction } from 'sequelize';
import { lookupHash } from '../privacy/sealing.ts';
import { CaseLicense, ELicense } from './e-license.model.ts';

/** An e-license as other domains read it, with the rule of when it is in force. */
export interface ELicenseRecord {
  id: number;
  type: string;
  number: string;
  name: string;
  holderIdNo: string;
  holderName: string;
  data: Record<string, unknown>;
  validFrom: Date;
  validUntil: Date | null;
  revokedAt: Date | null;
  issuedByCaseId: number | null;
  /** In force at `at` (now by default): issued, not expired, not revoked. */
  validAt(at?: Date): boolean;
}

/** A material of a case given as an e-license instead of a file. */
export interface GivenLicense {
  caseId: number;
  materialCode: string;
  eLicenseId: number;
}

/** The e-licenses of those numbers and types (the registry's, in force or not). */
export async function licensesByNumbers(numbers: string[], types: string[], transaction?: Transaction): Promise<ELicenseRecord[]> {
  return ELicense.findAll({ where: { number: { [Op.in]: numbers }, type: { [Op.in]: types } }, transaction });
}

/**
 * 免申即享's feed of the platform's own data: the e-licenses of those types issued after the one of
 * `afterId` (in the order issued, at most `limit`), and the last id issued so far (where a feed
 * starts).
 */
export async function licensesIssuedAfter(afterId: number, types: string[], limit: number): Promise<ELicenseRecord[]> {
  return ELicense.findAll({ where: { id: { [Op.gt]: afterId }, type: { [Op.in]: types } }, order: [['id', 'ASC']], limit });
}
export async function lastLicenseId(): Promise<number> {
  return (await ELicense.max<number, ELicense>('id')) ?? 0;
}

/** The e-licenses in force that the holder of the ID number holds, of those types, newest first. */
export async function licensesInForceOfHolder(idNo: string, types: string[]): Promise<ELicenseRecord[]> {
  const all = await ELicense.findAll({ where: { holderIdNoHash: lookupHash(idNo), type: { [Op.in]: types } }, order: [['id', 'DESC']] });
  return all.filter((l) => l.validAt());
}

/** The e-licenses a case was given instead of files, in the order given, each with its license (undefined: gone from the registry). */
export async function licensesGivenFor(caseId: number): Promise<(GivenLicense & { license: ELicenseRecord | undefined })[]> {
  const given = await CaseLicense.findAll({ where: { caseId }, order: [['id', 'ASC']] });
  const licenses = new Map((await ELicense.findAll({ where: { id: { [Op.in]: given.map((l) => l.eLicenseId) } } })).map((l) => [l.id, l]));
  return given.map((l) => ({ caseId: l.caseId, materialCode: l.materialCode, eLicenseId: l.eLicenseId, license: licenses.get(l.eLicenseId) }));
}

/** Records e-licenses given for cases' materials. */
export async function recordGivenLicenses(rows: GivenLicense[], transaction: Transaction): Promise<void> {
  await CaseLicense.bulkCreate(rows, { transaction });
}

/** Copies the e-licenses given for one case to another, for the materials of `codes`, replacing the other's. */
export async function copyGivenLicenses(fromCaseId: number, toCaseId: number, codes: ReadonlySet<string>, transaction: Transaction): Promise<void> {
  const licenses = await CaseLicense.findAll({ where: { caseId: fromCaseId }, transaction });
  await CaseLicense.destroy({ where: { caseId: toCaseId }, transaction });
  await CaseLicense.bulkCreate(
    licenses.filter((l) => codes.has(l.materialCode)).map((l) => ({ caseId: toCaseId, materialCode: l.materialCode, eLicenseId: l.eLicenseId })),
    { transaction },
  );
}

/** Forgets the e-licenses given for cases. */
export async function dropGivenLicenses(caseIds: number[], transaction: Transaction): Promise<void> {
  await CaseLicense.destroy({ where: { caseId: { [Op.in]: caseIds } }, transaction });
}

/** What an issued e-license states (电子证照入库). */
export interface LicenseIssue {
  type: string;
  number: string;
  name: string;
  holderIdNo: string;
  holderName: string;
  data: Record<string, unknown>;
  validFrom: Date;
  validUntil: Date | null;
  issuedByCaseId: number;
}

/** Issues an e-license into the registry once: the license of the same type and number if there is one already. */
export async function issueLicenseOnce(issue: LicenseIssue, transaction: Transaction): Promise<ELicenseRecord> {
  const existing = await ELicense.findOne({ where: { type: issue.type, number: issue.number }, transaction });
  if (existing) return existing;
  return ELicense.create(issue, { transaction });
}
