import { storageOf } from '../storage/index.ts';
import type { Transaction } from 'sequelize';
import type { Principal } from '../auth/index.ts';
import type { Config } from '../config/schema.ts';
import { Delivery } from './delivery.model.ts';
import { notFound } from '../errors/app-error.ts';
import { caseByNo, type CaseRecord, isStaff, itemCasesOf, mayView } from '../cases/index.ts';
import { documentsOf, readDocument, type ResultDocumentRecord } from '../results/index.ts';
import { type CatalogName } from '../catalog/index.ts';
import type { Locale } from '../i18n/locale.ts';

/** The case and, for a bundle, its item cases: one delivery carries all their results (统一出件). */
export async function casesDeliveredTogether(c: CaseRecord, transaction?: Transaction): Promise<CaseRecord[]> {
  if (c.kind !== 'bundle') return [c];
  return [c, ...(await itemCasesOf(c.id, { transaction }))];
}

export const documentUrl = (caseNo: string, id: number) => `/api/v1/cases/${encodeURIComponent(caseNo)}/documents/${id}`;

/**
 * A result document as the pages list it: its title in the caller's language (the PDF stays
 * Chinese) and the item or bundle it is of, so a bundle's four notices of approval read apart.
 */
export function describeDocument(caseNo: string, d: ResultDocumentRecord, together: CaseRecord[], name: CatalogName, locale: Locale) {
  const of = together.find((x) => x.id === d.caseId);
  return {
    id: d.id,
    caseNo: of?.caseNo ?? caseNo,
    kind: d.kind,
    title: locale === 'en' ? (d.titleEn ?? d.title) : d.title,
    subject: of ? name(of.itemCode) : null,
    sha256: d.sha256,
    size: d.size,
    signedAt: d.signedAt.toISOString(),
    url: documentUrl(caseNo, d.id),
    // the SM2-with-SM3 signature kept beside the PDF (GET it as DER), null when the seal had no SM2 certificate
    sm2: d.sm2Signature ? { certificateSerial: d.sm2CertificateSerial, signatureUrl: `${documentUrl(caseNo, d.id)}/sm2-signature` } : null,
  };
}

/**
 * Which result documents the caller may read through this case: staff who may see the case read
 * every document of it (and of its item cases); the applicant reads the notices served on them
 * (受理通知书, 补正材料告知书 …) at once, and the results their delivery carries once it has started
 * (电子送达 is the download itself). Anyone else learns nothing (404).
 */
export async function readableDocuments(principal: Principal, c: CaseRecord): Promise<{ documents: ResultDocumentRecord[]; together: CaseRecord[] }> {
  const together = await casesDeliveredTogether(c);
  const all = await documentsOf(together.map((x) => x.id));
  if (isStaff(principal)) return { documents: all, together };
  const delivery = await Delivery.findOne({ where: { caseId: c.parentCaseId ?? c.id } });
  const delivered = new Set(delivery?.documents ?? []);
  return { documents: all.filter((d) => d.kind === 'notice' || delivered.has(d.id)), together };
}

/** A document of the case the caller may read (404 otherwise: nothing said about the case to others). */
export async function readableDocument(principal: Principal, caseNo: string, documentId: string): Promise<ResultDocumentRecord> {
  const c = await caseByNo(caseNo);
  if (!c || !(await mayView(principal, c))) throw notFound('case_not_found');
  const id = /^\d{1,10}$/.test(documentId) ? Number(documentId) : NaN;
  const { documents } = await readableDocuments(principal, c);
  const document = documents.find((d) => d.id === id);
  if (!document) throw notFound('document_not_found');
  return document;
}

/** The signed PDF, for GET /cases/{caseNo}/documents/{id}; its file must still match its hash. */
export async function downloadDocument(config: Config, principal: Principal, caseNo: string, documentId: string) {
  const document = await readableDocument(principal, caseNo, documentId);
  return { document, pdf: await readDocument(storageOf(config), document.storageKey, document.sha256) };
}
