import type { Logger } from 'pino';
import { departmentByCode } from '../organization/index.ts';
import { ResultDocument, type DocumentKind } from './result-document.model.ts';
import type { Config } from '../config/schema.ts';
import { itemVersion, readMaterialCatalog } from '../catalog/index.ts';
import { caseByNumber, type CaseRecord, itemCasesOf, recordTimeline } from '../cases/index.ts';
import { issuerName } from '../seals/index.ts';
import { SEAL_USER, sealOnce } from './seal-document.ts';
import { sealPendingNotices } from './seal-notice.ts';
import { decisionDocument, decisionTitle } from './decision-document.ts';
import { issueLicense, licenseDocument } from './issue-license.ts';
import type { RefusalReason } from './decision-document.ts';

/** What the review decided with: the refusing opinions of a case (the inbox's, handed in by the caller). */
export interface ReviewReasons {
  refusalsOf(caseId: number): Promise<RefusalReason[]>;
}

/**
 * 电子印章 (the `seal` topic): every decided case of the case (an item case, or each item case of
 * a bundle) gets its decision as a sealed, signed PDF, and an approved license item its
 * e-license, issued into the registry and sealed too. Each document is made once per case and
 * kind: a retried task finds it. Answers what it made.
 */
export async function sealResults(caseNo: string, config: Config, logger: Logger, review: ReviewReasons): Promise<string[]> {
  const c = await caseByNumber(caseNo);
  const items = c.kind === 'bundle' ? await itemCasesOf(c.id) : [];
  const decided = c.kind === 'bundle' ? items.filter((x) => x.decision) : [c];
  const made: string[] = [];
  for (const itemCase of decided) made.push(...(await sealCase(itemCase, config, review, logger)));
  // the notices served on the way are all sealed before the results go out
  const notices = await sealPendingNotices(config, [c.id, ...items.map((x) => x.id)]);
  if (notices) made.push(`${notices} notices caught up`);
  logger.info({ caseNo: c.caseNo, made }, 'results sealed');
  return made;
}

async function sealCase(c: CaseRecord, config: Config, review: ReviewReasons, logger: Logger): Promise<string[]> {
  const version = await itemVersion(c.itemCode, c.itemVersion);
  if (!version) throw new Error(`item ${c.itemCode} v${c.itemVersion} of case ${c.caseNo} is missing`);
  const item = version.definition;
  const department = await departmentByCode(item.departmentCode);
  const issuer = issuerName(config.regionCode, department?.nameZh ?? item.departmentCode);
  const made: string[] = [];

  const kind: DocumentKind = c.decision === 'approved' ? 'decision_approved' : 'decision_refused';
  const refusals = c.decision === 'refused' ? await review.refusalsOf(c.id) : [];
  const decision = decisionDocument(c, item, issuer, refusals);
  const titleEn = decisionTitle(c.decision === 'approved', item).en;
  if (await sealOnce(c, { kind, source: 'decision', document: decision, titleEn, departmentCode: item.departmentCode }, config, logger)) made.push(kind);

  if (c.decision === 'approved') {
    const catalog = readMaterialCatalog(config.processesDir);
    for (const result of item.results.filter((r) => r.kind === 'license' && r.material)) {
      const type = catalog.get(result.material!)?.eLicense;
      if (!type) continue;
      const license = await ResultDocument.sequelize!.transaction(async (transaction) => {
        const issued = await issueLicense(c, type, result.name, config.regionCode, transaction);
        await recordTimeline(
          {
            caseId: c.id,
            type: 'e_license.issued',
            actor: SEAL_USER,
            detail: { type, number: issued.number, name: issued.name },
            idempotencyKey: `e-license:${c.caseNo}:${type}`,
          },
          transaction,
        );
        return issued;
      });
      const document = licenseDocument(license, item, issuer, version.formSchema);
      if (
        await sealOnce(
          c,
          {
            kind: 'e_license',
            source: `e_license:${type}`,
            document,
            titleEn: result.nameEn ?? catalog.get(result.material!)?.nameEn ?? result.name,
            departmentCode: item.departmentCode,
            eLicenseId: license.id,
          },
          config,
          logger,
        )
      )
        made.push('e_license');
    }
  }
  return made;
}
