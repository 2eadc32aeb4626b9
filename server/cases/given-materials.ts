import { Op, type Transaction } from 'sequelize';
import { CaseMaterial } from './case-material.model.ts';
import type { MaterialRequirement } from '../../contract/catalog/item.ts';
import type { GivenMaterial } from './submission-schema.ts';
import { copyGivenLicenses, dropGivenLicenses, type ELicenseRecord, licensesByNumbers, recordGivenLicenses } from '../e-licenses/index.ts';

/** The e-licenses named by materials, keyed "<type>:<number>" (the type is the catalog material's). */
export async function namedLicenses(
  materials: GivenMaterial[],
  requirements: MaterialRequirement[],
  transaction?: Transaction,
): Promise<Map<string, ELicenseRecord>> {
  const numbers = materials.flatMap((m) => (m.eLicenseNumber ? [m.eLicenseNumber] : []));
  if (numbers.length === 0) return new Map();
  const types = requirements.flatMap((r) => (r.eLicense ? [r.eLicense] : []));
  const rows = await licensesByNumbers(numbers, types, transaction);
  return new Map(rows.map((l) => [`${l.type}:${l.number}`, l]));
}

/** Stores what was handed in for a case: files as case materials, e-licenses as case licenses. */
export async function storeGivenMaterials(
  caseId: number,
  materials: GivenMaterial[],
  requirements: MaterialRequirement[],
  transaction: Transaction,
): Promise<void> {
  await CaseMaterial.bulkCreate(
    materials.flatMap((m) => (m.attachmentId ? [{ caseId, materialCode: m.code, attachmentId: m.attachmentId }] : [])),
    { transaction },
  );
  const licenses = await namedLicenses(materials, requirements, transaction);
  await recordGivenLicenses(
    materials.flatMap((m) => {
      const type = requirements.find((r) => r.code === m.code)?.eLicense;
      const license = m.eLicenseNumber && type ? licenses.get(`${type}:${m.eLicenseNumber}`) : undefined;
      return license ? [{ caseId, materialCode: m.code, eLicenseId: license.id }] : [];
    }),
    transaction,
  );
}

/** Copies a case's given materials (files and e-licenses) to another case, for the materials it asks. */
export async function copyGivenMaterials(fromCaseId: number, toCaseId: number, codes: ReadonlySet<string>, transaction: Transaction): Promise<void> {
  const files = await CaseMaterial.findAll({ where: { caseId: fromCaseId }, transaction });
  await CaseMaterial.destroy({ where: { caseId: toCaseId }, transaction });
  await CaseMaterial.bulkCreate(
    files.filter((m) => codes.has(m.materialCode)).map((m) => ({ caseId: toCaseId, materialCode: m.materialCode, attachmentId: m.attachmentId })),
    { transaction },
  );
  await copyGivenLicenses(fromCaseId, toCaseId, codes, transaction);
}

/** Forgets what was handed in for cases (a resubmission replaces it; a failed start removes it). */
export async function dropGivenMaterials(caseIds: number[], transaction: Transaction): Promise<void> {
  await CaseMaterial.destroy({ where: { caseId: { [Op.in]: caseIds } }, transaction });
  await dropGivenLicenses(caseIds, transaction);
}
