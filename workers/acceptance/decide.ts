import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Localized } from '../../server/i18n/locale.ts';
import type { ItemVersion } from '../../server/catalog/items.repository.ts';
import { problemsOf } from '../../server/validation/ajv.ts';
import { formatOfMimeType } from '../../server/attachments/sniff.ts';

export interface SubmittedMaterial {
  materialCode: string;
  attachment: { id: string; mimeType: string; sha256: string; storageKey: string } | undefined;
}

export interface AcceptanceDecision {
  accepted: boolean;
  /** every reason at once, never one at a time */
  reasons: Localized[];
}

/** 《中华人民共和国行政许可法》第三十二条 — the basis of every acceptance decision. */
export const ACCEPTANCE_LEGAL_BASIS: Localized = {
  'zh-CN': '《中华人民共和国行政许可法》第三十二条',
  en: 'Administrative Licensing Law of the PRC, Article 32',
};

/**
 * Decides acceptance (受理) from the case as submitted: the form against the item version it was
 * submitted under, every required material present (or replaced by a commitment where the item
 * allows one), each file intact (its SHA-256 unchanged) and of a format the material allows.
 */
export async function decideAcceptance(
  item: ItemVersion,
  form: Record<string, unknown>,
  materials: SubmittedMaterial[],
  dataDir: string,
  /** materials replaced by a signed 告知承诺 */
  committed: ReadonlySet<string> = new Set(),
): Promise<AcceptanceDecision> {
  const reasons: Localized[] = problemsOf(item.formSchema, form).map((p) => ({ 'zh-CN': `申请表 ${p.message['zh-CN']}`, en: `Form: ${p.message.en}` }));
  for (const requirement of item.definition.materials) {
    const given = materials.filter((m) => m.materialCode === requirement.code);
    if (requirement.required && given.length === 0 && !(requirement.commitment && committed.has(requirement.code))) {
      reasons.push({ 'zh-CN': `缺少申请材料：${requirement.name}`, en: `Missing material: ${requirement.nameEn}` });
      continue;
    }
    for (const material of given) {
      const attachment = material.attachment;
      const format = attachment && formatOfMimeType(attachment.mimeType);
      if (!attachment || !format) {
        reasons.push({ 'zh-CN': `${requirement.name}：附件缺失`, en: `${requirement.nameEn}: the file is missing` });
      } else if (!requirement.formats.includes(format)) {
        reasons.push({ 'zh-CN': `${requirement.name}：格式应为 ${requirement.formats.join('/')}`, en: `${requirement.nameEn}: must be ${requirement.formats.join('/')}` });
      } else if (!(await intact(dataDir, attachment.storageKey, attachment.sha256))) {
        reasons.push({ 'zh-CN': `${requirement.name}：文件已损坏或被篡改`, en: `${requirement.nameEn}: the file is damaged or was altered` });
      }
    }
  }
  return { accepted: reasons.length === 0, reasons };
}

/** Hashes the stored file as a stream: twenty 20 MB files at once must not need 400 MB. */
async function intact(dataDir: string, storageKey: string, sha256: string): Promise<boolean> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(join(dataDir, 'attachments', storageKey))) hash.update(chunk as Buffer);
    return hash.digest('hex') === sha256;
  } catch {
    return false;
  }
}
