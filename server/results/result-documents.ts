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
  sealId: number;
  /** SM2-with-SM3 over the file by the seal's SM2 key (DER hex) and that certificate's serial; null: RSA only */
  sm2Signature: string | null;
  sm2CertificateSerial: string | null;
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
