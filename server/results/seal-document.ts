import type { Logger } from 'pino';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { ResultDocument } from './result-document.model.ts';
import type { DocumentKind } from './result-document.model.ts';
import type { Config } from '../config/schema.ts';
import { type CaseRecord, recordTimeline } from '../cases/index.ts';
import { issueSignedDocument, signSm2 } from '../documents/index.ts';
import type { ResultDocument as PdfDocument } from '../documents/result-document.ts';
import { activeSealOf, logSealUseOnDocument } from '../seals/index.ts';
import { activeAccounts } from '../auth/index.ts';
import { notify } from '../notifications/index.ts';
import { storeDocument } from './document-store.ts';
import { storageOf } from '../storage/index.ts';

/** Who stamps: the machine steps of the platform, on the department's seal they are allowed to use. */
export const SEAL_USER = 'system:seal';

export interface SealRequest {
  kind: DocumentKind;
  /** what the document is made from, unique per case: a repeat finds the document made before */
  source: string;
  document: PdfDocument;
  /** the document's title as pages in English list it (the document itself stays Chinese) */
  titleEn: string;
  /** whose seal: the department that decides (the acceptance's for notices) */
  departmentCode: string;
  eLicenseId?: number | null;
}

/**
 * Renders, stamps with the department's seal, signs (PAdES-B-B) and, when the seal has an SM2
 * certificate, signs the final bytes again with SM2-with-SM3 (GM/T 0009 default id; the signature
 * and the certificate's serial are kept with the document), and stores one document of the case,
 * unless the case has it already; logs the seal's use and puts it on the timeline (with what the
 * document notes: a character no font has, drawn as its code point). True if made now.
 */
export async function sealOnce(c: CaseRecord, request: SealRequest, config: Config, logger?: Logger): Promise<boolean> {
  if (await ResultDocument.findOne({ where: { caseId: c.id, source: request.source } })) return false;
  const seal = await activeSealOf(request.departmentCode, SEAL_USER, [], config.sealKey);
  const issued = await issueSignedDocument({ document: request.document, seal: { png: seal.png }, signer: { p12: seal.p12, password: seal.password } });
  if (issued.notes.length)
    logger?.warn({ caseNo: c.caseNo, source: request.source, notes: issued.notes.map((n) => n.message) }, 'document drawn with a character no font has');
  const sm2 = seal.sm2 ? { signature: signSm2(issued.pdf, seal.sm2.keys).signature, serial: seal.sm2.serialNumber } : null;
  const stored = await storeDocument(storageOf(config), issued.pdf);
  const { document, kind } = request;
  try {
    await ResultDocument.sequelize!.transaction(async (transaction) => {
      const row = await ResultDocument.create(
        {
          caseId: c.id,
          kind,
          source: request.source,
          title: document.title,
          titleEn: request.titleEn,
          sha256: stored.sha256,
          storageKey: stored.storageKey,
          size: stored.size,
          sealId: seal.seal.id,
          eLicenseId: request.eLicenseId ?? null,
          signedAt: issued.signedAt,
          sm2Signature: sm2?.signature ?? null,
          sm2CertificateSerial: sm2?.serial ?? null,
        },
        { transaction },
      );
      await logSealUseOnDocument(
        { sealId: seal.seal.id, caseId: c.id, documentId: row.id, purpose: `${document.title} ${document.documentNo}`, usedBy: SEAL_USER },
        transaction,
      );
      const recorded = await recordTimeline(
        {
          caseId: c.id,
          type: 'result.sealed',
          actor: SEAL_USER,
          detail: {
            kind,
            title: document.title,
            documentNo: document.documentNo,
            sha256: stored.sha256,
            seal: seal.seal.name,
            signatures: sm2 ? ['RSA PAdES', 'SM2-with-SM3'] : ['RSA PAdES'],
            // a character no installed font has, drawn as its code point: the case's timeline says so in words (both languages)
            ...(issued.notes.length ? { notes: issued.notes.map((n) => ({ code: n.code, message: n.message, en: n.en })) } : {}),
          },
          idempotencyKey: `sealed:${c.caseNo}:${request.source}`,
        },
        transaction,
      );
      if (recorded && issued.notes.length) await tellAdministratorsOfMissingCharacters(c, request, issued.notes, transaction);
    });
  } catch (err) {
    // two deliveries of the same task at once: the other one recorded it
    if (err instanceof UniqueConstraintError) return false;
    throw err;
  }
  return true;
}

/**
 * The system administrators are told of a document drawn with a character no installed font has
 * (once, with the seal's timeline entry): they see that the fallback faces are installed (a face
 * installed later draws the documents sealed after it; a sealed one keeps its bytes). The
 * notification leads to the case, whose timeline names the characters in words.
 */
async function tellAdministratorsOfMissingCharacters(
  c: CaseRecord,
  request: SealRequest,
  notes: { message: string; en: string }[],
  transaction: Transaction,
): Promise<void> {
  const admins = (await activeAccounts({ transaction })).filter((a) => a.roles.includes('admin')).map((a) => a.id);
  const { title, documentNo } = request.document;
  const text = {
    'zh-CN': `办件 ${c.caseNo} 的《${title}》（${documentNo}）：${notes.map((n) => n.message).join('；')}。请确认备用字体已安装（bash scripts/setup.sh）；已签发的文书不变。`,
    en: `Case ${c.caseNo}, ${request.titleEn} (${documentNo}): ${notes.map((n) => n.en).join('; ')}. See that the fallback fonts are installed (bash scripts/setup.sh); the sealed document stays as it is.`,
  };
  if (admins.length) await notify(admins, 'document_glyph_unavailable', text, c.caseNo, null, transaction);
}
