import { storageOf } from '../storage/index.ts';
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import multer, { MulterError } from 'multer';
import type { Principal } from '../auth/index.ts';
import type { Config } from '../config/schema.ts';
import { AppError, badRequest, malformedUpload, notFound } from '../errors/app-error.ts';
import { readStoredDocument, verifySealedDocument, type DocumentVerification } from '../results/index.ts';
import { readableDocument } from './result-documents.ts';

/** A result document is a few hundred KB; a copy to verify may be a little larger, never large. */
export const VERIFY_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: VERIFY_UPLOAD_MAX_BYTES, files: 1, fields: 0, parts: 1 } }).single('file');

/** The copy to verify, as multipart (the field `file`); none: the stored file is verified. */
export const verificationUpload: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) return next();
  parse(req, res, (err?: unknown) => {
    if (err instanceof MulterError && err.code === 'LIMIT_FILE_SIZE')
      return next(
        new AppError(413, 'file_too_large', [], {
          'zh-CN': '上传的文件过大：验章的文书不超过20 MB',
          en: 'The file is too large: a document to verify is at most 20 MB',
        }),
      );
    next(err ? malformedUpload('file') : undefined);
  });
};

/**
 * 验章 of one document: the stored file, or the copy a person uploads (what they were given: a
 * changed byte fails both signatures). The answer says which file was checked.
 */
export async function verifyDocument(
  config: Config,
  principal: Principal,
  caseNo: string,
  documentId: string,
  upload: Buffer | undefined,
): Promise<DocumentVerification & { documentId: number; checked: 'stored' | 'uploaded'; sha256: string }> {
  const document = await readableDocument(principal, caseNo, documentId);
  if (upload && upload.subarray(0, 5).toString('latin1') !== '%PDF-') throw badRequest('verification_file_not_pdf');
  const pdf = upload ?? (await readStoredDocument(storageOf(config), document.storageKey));
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  return { documentId: document.id, checked: upload ? 'uploaded' : 'stored', sha256, ...(await verifySealedDocument(document, pdf, sha256)) };
}

/** The SM2-with-SM3 signature of a document (DER), for `openssl pkeyutl -verify -digest sm3 -pkeyopt distid:1234567812345678`. */
export async function sm2SignatureOf(principal: Principal, caseNo: string, documentId: string): Promise<{ der: Buffer; title: string; serial: string }> {
  const document = await readableDocument(principal, caseNo, documentId);
  if (!document.sm2Signature) throw notFound('sm2_signature_absent');
  return { der: Buffer.from(document.sm2Signature, 'hex'), title: document.title, serial: document.sm2CertificateSerial ?? '' };
}
