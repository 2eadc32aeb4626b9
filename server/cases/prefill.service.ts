import { Op } from 'sequelize';
import { Attachment } from '../attachments/attachment.model.ts';
import { Case } from './case.model.ts';
import { CaseMaterial } from './case-material.model.ts';
import { ELicense } from '../e-licenses/e-license.model.ts';
import { notFound, validationFailed } from '../errors/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import { latestItem, type ItemVersion } from '../catalog/items.repository.ts';
import { latestBundle } from '../bundles/bundles.repository.ts';
import { mergeForms } from '../bundles/merge.ts';
import { applicantIdFor } from './applicant-identity.ts';

const EARLIER_CASES = 50;

async function targetItems(query: { itemCode?: string; bundleCode?: string }): Promise<ItemVersion[]> {
  if (Boolean(query.itemCode) === Boolean(query.bundleCode)) {
    throw validationFailed([{ field: 'itemCode', message: { 'zh-CN': '请给出 itemCode 或 bundleCode 之一', en: 'Give either itemCode or bundleCode' } }]);
  }
  if (query.itemCode) {
    const item = await latestItem(query.itemCode);
    if (!item) throw notFound('item_not_found');
    return [item];
  }
  const bundle = await latestBundle(query.bundleCode!);
  if (!bundle) throw notFound('bundle_not_found');
  const items = await Promise.all(bundle.definition.items.map((i) => latestItem(i.code)));
  return items.filter((i): i is ItemVersion => Boolean(i));
}

/**
 * What the platform already knows of an applicant, for a new item or bundle: form values from
 * their earlier cases (the latest value of each field the new form asks), and the materials they
 * already handed in (前序流程已收取的材料不需提交), offered for reuse instead of a new upload, and
 * their e-licenses in force that can stand in for materials (电子证照免提交).
 */
export async function prefill(principal: Principal, query: { itemCode?: string; bundleCode?: string; idNo?: string }) {
  const idNo = await applicantIdFor(principal, query.idNo);
  const items = await targetItems(query);
  const fields = new Set(Object.keys(mergeForms(items).schema.properties));
  const materialCodes = new Set(items.flatMap((i) => i.definition.materials.map((m) => m.code)));

  const earlier = await Case.findAll({ where: { applicantIdNo: idNo }, order: [['id', 'DESC']], limit: EARLIER_CASES });
  const form: Record<string, unknown> = {};
  const fieldSources: Record<string, string> = {};
  // 电子证照: the registry's word comes first, then the applicant's earlier cases
  const requirements = items.flatMap((i) => i.definition.materials);
  const types = new Set(requirements.flatMap((m) => (m.eLicense ? [m.eLicense] : [])));
  const licenses = (await ELicense.findAll({ where: { holderIdNo: idNo, type: { [Op.in]: [...types] } }, order: [['id', 'DESC']] })).filter((l) => l.validAt());
  for (const license of licenses) {
    for (const [field, value] of Object.entries(license.data)) {
      if (fields.has(field) && !(field in form)) {
        form[field] = value;
        fieldSources[field] = `e-license:${license.type}:${license.number}`;
      }
    }
  }
  const eLicenses = [...new Set(requirements.map((m) => m.code))].flatMap((code) => {
    const type = requirements.find((m) => m.code === code)!.eLicense;
    const license = licenses.find((l) => l.type === type);
    return license ? [{ code, type: license.type, number: license.number, name: license.name, validUntil: license.validUntil?.toISOString() ?? null }] : [];
  });
  for (const c of earlier) {
    for (const [field, value] of Object.entries(c.form)) {
      if (fields.has(field) && !(field in form)) {
        form[field] = value;
        fieldSources[field] = c.caseNo;
      }
    }
  }

  const given = await CaseMaterial.findAll({
    where: { caseId: { [Op.in]: earlier.map((c) => c.id) }, materialCode: { [Op.in]: [...materialCodes] } },
    order: [['id', 'DESC']],
  });
  const attachments = new Map((await Attachment.findAll({ where: { id: { [Op.in]: given.map((g) => g.attachmentId) } } })).map((a) => [a.id, a]));
  const caseNos = new Map(earlier.map((c) => [c.id, c.caseNo]));
  const materials: { code: string; attachmentId: string; originalName: string; sha256: string; fromCase: string }[] = [];
  for (const g of given) {
    const attachment = attachments.get(g.attachmentId);
    if (!attachment || materials.some((m) => m.code === g.materialCode)) continue;
    materials.push({
      code: g.materialCode,
      attachmentId: attachment.id,
      originalName: attachment.originalName,
      sha256: attachment.sha256,
      fromCase: caseNos.get(g.caseId)!,
    });
  }
  return { idNo, form, fieldSources, materials, eLicenses };
}

/** Attachments an applicant handed in with earlier cases, which may be reused without a new upload. */
export async function reusableAttachmentIds(applicantIdNo: string, attachmentIds: string[]): Promise<Set<string>> {
  if (!attachmentIds.length) return new Set();
  const rows = await CaseMaterial.findAll({ where: { attachmentId: { [Op.in]: attachmentIds } } });
  const cases = new Map((await Case.findAll({ where: { id: { [Op.in]: rows.map((r) => r.caseId) }, applicantIdNo } })).map((c) => [c.id, c]));
  return new Set(rows.filter((r) => cases.has(r.caseId)).map((r) => r.attachmentId));
}
