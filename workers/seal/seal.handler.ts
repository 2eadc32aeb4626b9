import { UniqueConstraintError } from 'sequelize';
import { Case, Department, Opinion, ResultDocument, SealUse } from '../../server/db/index.ts';
import type { ELicense } from '../../server/db/index.ts';
import type { DocumentKind } from '../../server/db/models/results.ts';
import type { Config } from '../../server/config/schema.ts';
import { itemVersion } from '../../server/catalog/items.repository.ts';
import { readMaterialCatalog } from '../../server/catalog/process-folders.ts';
import type { ItemDefinition } from '../../server/catalog/item-definition.ts';
import { recordTimeline } from '../../server/cases/timeline.ts';
import { issueSignedDocument } from '../../server/documents/index.ts';
import type { ResultDocument as PdfDocument } from '../../server/documents/result-document.ts';
import { activeSealOf } from '../../server/seals/active-seal.ts';
import { issuerName } from '../../server/seals/issuer-name.ts';
import { storeDocument } from '../../server/results/document-store.ts';
import { decisionDocument } from '../../server/results/decision-document.ts';
import { issueLicense, licenseDocument } from '../../server/results/issue-license.ts';
import { TOPICS, VARIABLES } from '../../processes/topics.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseOfTask } from '../runtime/case-of-task.ts';

const SEAL_USER = 'system:seal';

/**
 * 电子印章: every decided case of the task (an item case, or each item case of a bundle) gets its
 * decision as a sealed, signed PDF, and an approved license item its e-license, issued into the
 * registry and sealed too. Each document is made once per case and kind: a retried task finds it.
 */
export const sealHandler: TopicHandler = {
  topic: TOPICS.seal,
  lockDurationMs: 120_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { config, logger }) {
    const c = await caseOfTask(task);
    const decided = c.kind === 'bundle' ? (await Case.findAll({ where: { parentCaseId: c.id }, order: [['caseNo', 'ASC']] })).filter((x) => x.decision) : [c];
    const made: string[] = [];
    for (const itemCase of decided) made.push(...(await sealCase(itemCase, config)));
    logger.info({ caseNo: c.caseNo, made }, 'results sealed');
    return {};
  },
};

async function sealCase(c: Case, config: Config): Promise<string[]> {
  const version = await itemVersion(c.itemCode, c.itemVersion);
  if (!version) throw new Error(`item ${c.itemCode} v${c.itemVersion} of case ${c.caseNo} is missing`);
  const item = version.definition;
  const department = await Department.findByPk(item.departmentCode);
  const issuer = issuerName(config.regionCode, department?.nameZh ?? item.departmentCode);
  const made: string[] = [];

  const decisionKind: DocumentKind = c.decision === 'approved' ? 'decision_approved' : 'decision_refused';
  const refusals = c.decision === 'refused' ? await Opinion.findAll({ where: { caseId: c.id, outcome: 'reject' }, order: [['id', 'ASC']] }) : [];
  if (await sealOnce(c, decisionKind, decisionDocument(c, item, issuer, refusals), item, config, null)) made.push(decisionKind);

  if (c.decision === 'approved') {
    const catalog = readMaterialCatalog(config.processesDir);
    for (const result of item.results.filter((r) => r.kind === 'license' && r.material)) {
      const type = catalog.get(result.material!)?.eLicense;
      if (!type) continue;
      const license = await Case.sequelize!.transaction(async (transaction) => {
        const issued = await issueLicense(c, type, result.name, config.regionCode, transaction);
        await recordTimeline({ caseId: c.id, type: 'e_license.issued', actor: SEAL_USER, detail: { type, number: issued.number, name: issued.name }, idempotencyKey: `e-license:${c.caseNo}:${type}` }, transaction);
        return issued;
      });
      if (await sealOnce(c, 'e_license', licenseDocument(license, item, issuer), item, config, license)) made.push('e_license');
    }
  }
  return made;
}

/** Renders, seals, signs and stores one document of the case unless it exists; true if made now. */
async function sealOnce(c: Case, kind: DocumentKind, document: PdfDocument, item: ItemDefinition, config: Config, license: ELicense | null): Promise<boolean> {
  if (await ResultDocument.findOne({ where: { caseId: c.id, kind } })) return false;
  const seal = await activeSealOf(item.departmentCode, SEAL_USER, [], config.sealKey);
  const issued = await issueSignedDocument({ document, seal: { png: seal.png }, signer: { p12: seal.p12, password: seal.password } });
  const stored = await storeDocument(config.dataDir, issued.pdf);
  try {
    await Case.sequelize!.transaction(async (transaction) => {
      const row = await ResultDocument.create(
        { caseId: c.id, kind, title: document.title, sha256: stored.sha256, storageKey: stored.storageKey, size: stored.size, sealId: seal.seal.id, eLicenseId: license?.id ?? null, signedAt: issued.signedAt },
        { transaction },
      );
      await SealUse.create({ sealId: seal.seal.id, caseId: c.id, documentId: row.id, purpose: `${document.title} ${document.documentNo}`, usedBy: SEAL_USER }, { transaction });
      await recordTimeline({ caseId: c.id, type: 'result.sealed', actor: SEAL_USER, detail: { kind, title: document.title, sha256: stored.sha256, seal: seal.seal.name }, idempotencyKey: `sealed:${c.caseNo}:${kind}` }, transaction);
    });
  } catch (err) {
    // two deliveries of the same task at once: the other one recorded it
    if (err instanceof UniqueConstraintError) return false;
    throw err;
  }
  return true;
}
