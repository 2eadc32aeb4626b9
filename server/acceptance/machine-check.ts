import type { Localized } from '../i18n/locale.ts';
import type { MaterialRequirement } from '../../contract/catalog/item.ts';
import { problemsOf } from '../validation/ajv.ts';
import { attachmentIntact, formatOfMimeType } from '../attachments/index.ts';
import type { ObjectStore } from '../storage/index.ts';

export interface SubmittedMaterial {
  materialCode: string;
  attachment?: { id: string; mimeType: string; sha256: string; sm3: string | null; storageKey: string } | undefined;
  /** 电子证照: an e-license given instead of a file */
  license?: { validAt(at?: Date): boolean };
}

export interface AcceptanceFindings {
  /** every problem at once, never one at a time (一次性告知) */
  problems: Localized[];
  /** 容缺: required materials missing for now, each tolerated and promised by a signed deferral */
  deficiencies: string[];
}

/**
 * Checks a case as submitted, against the versions it was submitted under: the form, every
 * required material present (or replaced by a 告知承诺 where allowed, or by shared data for a case
 * the platform opened itself (免申即享), or deferred under 容缺
 * where the catalog tolerates it), each file intact (its SM3 unchanged, or its SHA-256 on a file from before SM3) and of an allowed format.
 */
export async function checkApplication(
  target: { formSchema: Record<string, unknown>; materials: MaterialRequirement[] },
  form: Record<string, unknown>,
  materials: SubmittedMaterial[],
  store: ObjectStore,
  /** materials replaced by a signed 告知承诺 */
  committed: ReadonlySet<string> = new Set(),
  /** materials the applicant promised under 容缺 */
  deferred: ReadonlySet<string> = new Set(),
  /** 免申即享: materials the registries stood in for (the platform opened the case from them) */
  shared: ReadonlySet<string> = new Set(),
): Promise<AcceptanceFindings> {
  const reasons: Localized[] = problemsOf(target.formSchema, form).map((p) => ({ 'zh-CN': `申请表 ${p.message['zh-CN']}`, en: `Form: ${p.message.en}` }));
  const deficiencies: string[] = [];
  for (const requirement of target.materials) {
    const given = materials.filter((m) => m.materialCode === requirement.code);
    if (requirement.required && given.length === 0 && !(requirement.commitment && committed.has(requirement.code)) && !shared.has(requirement.code)) {
      if (requirement.tolerable && deferred.has(requirement.code)) deficiencies.push(requirement.code);
      else reasons.push({ 'zh-CN': `缺少申请材料：${requirement.name}`, en: `Missing material: ${requirement.nameEn}` });
      continue;
    }
    for (const material of given) {
      if (material.license) {
        // revoked or expired since the submission: it no longer stands in for the material
        if (!material.license.validAt())
          reasons.push({ 'zh-CN': `${requirement.name}：电子证照已注销或已过期`, en: `${requirement.nameEn}: the e-license was revoked or has expired` });
        continue;
      }
      const attachment = material.attachment;
      const format = attachment && formatOfMimeType(attachment.mimeType);
      if (!attachment || !format) {
        reasons.push({ 'zh-CN': `${requirement.name}：附件缺失`, en: `${requirement.nameEn}: the file is missing` });
      } else if (!requirement.formats.includes(format)) {
        reasons.push({
          'zh-CN': `${requirement.name}：格式应为 ${requirement.formats.join('/')}`,
          en: `${requirement.nameEn}: must be ${requirement.formats.join('/')}`,
        });
      } else if (!(await attachmentIntact(store, attachment))) {
        reasons.push({ 'zh-CN': `${requirement.name}：文件已损坏或被篡改`, en: `${requirement.nameEn}: the file is damaged or was altered` });
      }
    }
  }
  return { problems: reasons, deficiencies };
}
