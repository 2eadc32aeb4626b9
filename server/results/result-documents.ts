import { Op, type Transaction } from 'sequelize';
import { ResultDocument, type DocumentKind } from './result-document.model.ts';

/** A sealed result document of a case, as other domains read it (the PDF is in the document store). */
export interface ResultDocumentRecord {
  id: number;
  caseId: number;
  kind: DocumentKind;
  title: string;
  titleEn: string | null;
  sha256: string;
  storageKey: string;
  size: number;
  signedAt: Date;
}

/** The result documents of those cases, by case and in the order made. */
export async function documentsOf(caseIds: number[], transaction?: Transaction): Promise<ResultDocumentRecord[]> {
  return ResultDocument.findAll({
    where: { caseId: { [Op.in]: caseIds } },
    order: [
      ['caseId', 'ASC'],
      ['id', 'ASC'],
    ],
    transaction,
  });
}
