import { departmentByCode } from '../organization/index.ts';
import type { Config } from '../config/schema.ts';
import { caseById, findTimelineEntry, keyedTimelineEntries, type Notice } from '../cases/index.ts';
import { issuerName } from '../seals/index.ts';
import { sealOnce } from './seal-document.ts';

/**
 * The notice a timeline entry carries (受理通知书, 补正材料告知书, 不予受理决定书, 终止办理告知书 …) as a
 * sealed, signed PDF of the department that issued it: the window's (政务服务中心) for a bundle,
 * the item's department otherwise. Keyed on the timeline entry: each notice is sealed once, and
 * a correction notice of a second round is a document of its own.
 */
export async function sealRecordedNotice(config: Config, idempotencyKey: string): Promise<boolean> {
  const entry = await findTimelineEntry(idempotencyKey);
  const notice = entry?.detail.notice as Notice | undefined;
  if (!entry || !notice) return false;
  const c = (await caseById(entry.caseId))!;
  const department = await departmentByCode(c.departmentCode);
  const issuedAt = new Date(notice.issuedAt);
  // the layout addresses the document to the applicant: the notice's own salutation line is not repeated
  const salutation = `${c.applicantName}：`;
  const lines = notice.text
    .split('\n')
    .filter((l) => l.trim())
    .filter((l, i) => i > 0 || l.trim() !== salutation);
  return sealOnce(
    c,
    {
      kind: 'notice',
      source: `notice:${entry.id}`,
      departmentCode: c.departmentCode,
      titleEn: notice.title.en,
      document: {
        layout: 'document',
        title: notice.title['zh-CN'],
        documentNo: notice.number,
        recipient: c.applicantName,
        // the last line is the date, which the layout prints under the issuer
        paragraphs: /^\d{4}年\d{1,2}月\d{1,2}日$/.test(lines.at(-1) ?? '') ? lines.slice(0, -1) : lines,
        fields: [{ label: '办件编号', value: c.caseNo }],
        issuer: issuerName(config.regionCode, department?.nameZh ?? c.departmentCode),
        issuedAt,
      },
    },
    config,
  );
}

/**
 * Seals every notice of these cases still unsealed: the catch-up for notices whose sealing after
 * their task (TopicHandler.afterComplete) did not happen, run by the results' seal task.
 */
export async function sealPendingNotices(config: Config, caseIds: number[]): Promise<number> {
  const entries = await keyedTimelineEntries(caseIds);
  let sealed = 0;
  for (const e of entries.filter((x) => x.detail.notice)) if (await sealRecordedNotice(config, e.idempotencyKey!)) sealed++;
  return sealed;
}
