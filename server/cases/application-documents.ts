import type { ObjectStore } from '../storage/index.ts';
import type { Transaction } from 'sequelize';
import type { Case } from './case.model.ts';
import { CaseMaterial } from './case-material.model.ts';
import type { SubmissionTarget } from './submission-target.ts';
import type { Channel } from '../../contract/channels.ts';
import { applicationSheet, type FormSchemaLike } from '../catalog/index.ts';
import { storeAttachment } from '../attachments/index.ts';
import { chineseDate, renderFormPdf } from '../documents/index.ts';

/** Where a person hands the application in at a counter and signs it on paper; elsewhere their verified sign-in stands for the signature. */
const SIGNED_ON_PAPER: readonly Channel[] = ['window', 'assisted'];

/**
 * 申请表电子化: the form is the application. At submission (and at each resubmission after 补正)
 * the platform generates each item's application form (申请表) from the form's answers (a
 * bundle's one form: 一表申请) and files it with the case as that material; a bundle's item cases
 * get theirs with the other materials (shareWithItemCases), so each department's reviewers see
 * their item's application. Online the applicant's (or agent's) verified sign-in stands for the
 * signature; at the window the clerk prints it for the applicant to sign.
 */
export async function fileApplicationDocuments(row: Case, target: SubmissionTarget, store: ObjectStore, transaction: Transaction): Promise<void> {
  const submittedAt = new Date();
  const signedOnlineBy = SIGNED_ON_PAPER.includes(row.channel) ? null : { name: row.agent?.name ?? row.applicantName, agent: Boolean(row.agent) };
  for (const generated of target.generatedMaterials) {
    const items = target.items.filter((i) => generated.items.includes(i.code));
    const properties = Object.assign({}, ...items.map((i) => (i.formSchema as FormSchemaLike).properties ?? {})) as FormSchemaLike['properties'];
    const required = [...new Set(items.flatMap((i) => (i.formSchema as FormSchemaLike).required ?? []))];
    const pdf = await renderFormPdf(
      applicationSheet({
        title: generated.name,
        target: { kind: target.kind, name: target.name },
        caseNo: row.caseNo,
        applicant: { name: row.applicantName, idType: row.applicantIdType, idNo: row.applicantIdNo, phone: row.applicantPhone },
        signedOnlineBy,
        schema: { required, properties },
        values: row.form,
        submittedAt,
        dateText: chineseDate(submittedAt),
      }),
    );
    const stored = await storeAttachment(
      store,
      row.submittedBy,
      `${generated.name}（${target.kind === 'bundle' ? '一表申请生成' : '平台生成'}）.pdf`,
      pdf,
      transaction,
    );
    await CaseMaterial.create({ caseId: row.id, materialCode: generated.code, attachmentId: stored.id }, { transaction });
  }
}
