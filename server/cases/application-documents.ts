import type { Transaction } from 'sequelize';
import type { Case } from './case.model.ts';
import { CaseMaterial } from './case-material.model.ts';
import type { SubmissionTarget } from './submission-target.ts';
import { applicationSheet, type FormSchemaLike } from '../catalog/index.ts';
import { storeAttachment } from '../attachments/index.ts';
import { chineseDate, renderFormPdf } from '../documents/index.ts';

/**
 * 一表申请: the bundle's one form is the application. At submission (and at each resubmission after
 * 补正) the platform generates each item's application form (申请表) from the form's answers and
 * files it with the bundle case as that material; the item cases get theirs with the other
 * materials (shareWithItemCases), so each department's reviewers see their item's application.
 */
export async function fileApplicationDocuments(row: Case, target: SubmissionTarget, dataDir: string, transaction: Transaction): Promise<void> {
  if (target.kind !== 'bundle') return;
  const submittedAt = new Date();
  for (const generated of target.generatedMaterials) {
    const items = target.items.filter((i) => generated.items.includes(i.code));
    const properties = Object.assign({}, ...items.map((i) => (i.formSchema as FormSchemaLike).properties ?? {})) as FormSchemaLike['properties'];
    const required = [...new Set(items.flatMap((i) => (i.formSchema as FormSchemaLike).required ?? []))];
    const pdf = await renderFormPdf(
      applicationSheet({
        title: generated.name,
        bundleName: target.name,
        caseNo: row.caseNo,
        applicant: { name: row.applicantName, idType: row.applicantIdType, idNo: row.applicantIdNo, phone: row.applicantPhone },
        schema: { required, properties },
        values: row.form,
        submittedAt,
        dateText: chineseDate(submittedAt),
      }),
    );
    const stored = await storeAttachment(dataDir, row.submittedBy, `${generated.name}（一表申请生成）.pdf`, pdf, transaction);
    await CaseMaterial.create({ caseId: row.id, materialCode: generated.code, attachmentId: stored.id }, { transaction });
  }
}
