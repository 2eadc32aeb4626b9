import { Op } from 'sequelize';
import { Case } from './case.model.ts';
import { CaseMaterial } from './case-material.model.ts';
import { notFound, validationFailed } from '../errors/app-error.ts';
import type { Principal } from '../auth/index.ts';
import { latestItem, type ItemVersion } from '../catalog/index.ts';
import { latestBundle, mergeForms } from '../catalog/index.ts';
import { applicantIdFor } from './applicant-identity.ts';
import { assertValid } from '../validation/ajv.ts';
import { maskPersonal, personalFieldsOf } from '../../contract/catalog/personal.ts';
import { maskForm } from '../privacy/mask-form.ts';
import { lookupHash } from '../privacy/sealing.ts';
import { attachmentsByIds } from '../attachments/index.ts';
import { licensesInForceOfHolder } from '../e-licenses/index.ts';

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
 * The form values the platform holds for an applicant, for the fields of `items`: the registry's
 * e-licenses in force first (电子证照), then their earlier cases, newest first.
 */
export async function knownFormValues(idNo: string, items: ItemVersion[]) {
  const fields = new Set(Object.keys(mergeForms(items).schema.properties));
  const requirements = items.flatMap((i) => i.definition.materials);
  const types = new Set(requirements.flatMap((m) => (m.eLicense ? [m.eLicense] : [])));
  const [earlier, licenses] = await Promise.all([
    Case.findAll({ where: { applicantIdNoHash: lookupHash(idNo) }, order: [['id', 'DESC']], limit: EARLIER_CASES }),
    licensesInForceOfHolder(idNo, [...types]),
  ]);
  const form: Record<string, unknown> = {};
  const fieldSources: Record<string, string> = {};
  const take = (values: Record<string, unknown>, source: string) => {
    for (const [field, value] of Object.entries(values)) {
      if (fields.has(field) && !(field in form)) {
        form[field] = value;
        fieldSources[field] = source;
      }
    }
  };
  for (const license of licenses) {
    const number = license.number === license.holderIdNo ? maskPersonal('id-number', license.number) : license.number;
    take(license.data, `e-license:${license.type}:${number}`);
  }
  for (const c of earlier) take(c.form, c.caseNo);
  return { form, fieldSources, earlier, licenses };
}

const prefillQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    itemCode: { type: 'string', minLength: 1, maxLength: 64, title: '事项编码', 'x-title-en': 'Item code' },
    bundleCode: { type: 'string', minLength: 1, maxLength: 64, title: '一件事编码', 'x-title-en': 'Bundle code' },
    idNo: { type: 'string', minLength: 1, maxLength: 32, title: '证件号码', 'x-title-en': 'ID number' },
  },
} as const;

/**
 * What the platform already knows of an applicant, for a new item or bundle: form values from
 * their earlier cases (the latest value of each field the new form asks), and the materials they
 * already handed in (前序流程已收取的材料不需提交), offered for reuse instead of a new upload, and
 * their e-licenses in force that can stand in for materials (电子证照免提交). Asked by POST, so
 * that the ID number a clerk gives is never in a URL; an applicant is who their token says. The
 * ID number and the personal fields come back masked: sent back unchanged with the submission,
 * they stand for the values held here (restoreMaskedEchoes).
 */
export async function prefill(principal: Principal, body: unknown) {
  assertValid<{ itemCode?: string; bundleCode?: string; idNo?: string }>(prefillQuerySchema, body ?? {});
  const query = (body ?? {}) as { itemCode?: string; bundleCode?: string; idNo?: string };
  const idNo = await applicantIdFor(principal, query.idNo);
  const items = await targetItems(query);
  // an application form (申请表) belongs to its own application: never offered for another
  const materialCodes = new Set(items.flatMap((i) => i.definition.materials.filter((m) => !m.applicationForm).map((m) => m.code)));
  const { form, fieldSources, earlier, licenses } = await knownFormValues(idNo, items);
  const requirements = items.flatMap((i) => i.definition.materials);
  const eLicenses = [...new Set(requirements.map((m) => m.code))].flatMap((code) => {
    const type = requirements.find((m) => m.code === code)!.eLicense;
    const license = licenses.find((l) => l.type === type);
    if (!license) return [];
    // a licence numbered by the holder's ID number (居民身份证) is offered masked; sent back, it stands for it
    const number = license.number === license.holderIdNo ? maskPersonal('id-number', license.number) : license.number;
    return [{ code, type: license.type, number, name: license.name, validUntil: license.validUntil?.toISOString() ?? null }];
  });

  const given = await CaseMaterial.findAll({
    where: { caseId: { [Op.in]: earlier.map((c) => c.id) }, materialCode: { [Op.in]: [...materialCodes] } },
    order: [['id', 'DESC']],
  });
  const attachments = await attachmentsByIds(given.map((g) => g.attachmentId));
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
  const personal = personalFieldsOf(mergeForms(items).schema as { properties?: Record<string, object> });
  return { idNo: maskPersonal('id-number', idNo), form: maskForm(form, personal), fieldSources, materials, eLicenses };
}

/** Attachments an applicant handed in with earlier cases, which may be reused without a new upload. */
export async function reusableAttachmentIds(applicantIdNo: string, attachmentIds: string[]): Promise<Set<string>> {
  if (!attachmentIds.length) return new Set();
  const rows = await CaseMaterial.findAll({ where: { attachmentId: { [Op.in]: attachmentIds } } });
  const cases = new Map(
    (await Case.findAll({ where: { id: { [Op.in]: rows.map((r) => r.caseId) }, applicantIdNoHash: lookupHash(applicantIdNo) } })).map((c) => [c.id, c]),
  );
  return new Set(rows.filter((r) => cases.has(r.caseId)).map((r) => r.attachmentId));
}
