import type { RequestHandler } from 'express';
import multer, { MulterError } from 'multer';
import { AppError, malformedUpload, nulInField, validationFailed } from '../errors/app-error.ts';
import { nulFieldOf } from '../../contract/validation/text.ts';
import { codedProblem } from './seal-problems.ts';

/**
 * Far above what a seal image (< 30 KB) or a PKCS#12 (a few KB) needs, so that an oversized seal
 * image is still read and refused with its size in words, while nothing large is held in memory.
 */
export const SEAL_UPLOAD_MAX_BYTES = 1024 * 1024;

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: SEAL_UPLOAD_MAX_BYTES, files: 4, fields: 12, fieldSize: 16 * 1024, parts: 16 },
}).fields([
  { name: 'image', maxCount: 1 },
  { name: 'certificate', maxCount: 1 },
  { name: 'sm2Certificate', maxCount: 1 },
  { name: 'sm2Key', maxCount: 1 },
]);

function uploadError(err: MulterError): AppError {
  if (err.code === 'LIMIT_FILE_SIZE') {
    return new AppError(413, 'file_too_large', [], {
      'zh-CN': '上传文件过大：印章图片须小于30 KB，签章证书不超过1 MB',
      en: 'A file is too large: the seal image must be under 30 KB, the certificate at most 1 MB',
    });
  }
  if (err.code === 'LIMIT_UNEXPECTED_FILE') {
    return validationFailed([
      codedProblem(
        err.field ?? 'file',
        'unexpected_file',
        `只能上传印章图片（image）、签章证书（certificate）、SM2签章证书（sm2Certificate）和SM2私钥（sm2Key）各一个文件，不能上传“${err.field ?? ''}”`,
        `upload one seal image (image), at most one certificate (certificate), SM2 certificate (sm2Certificate) and SM2 key (sm2Key); "${err.field ?? ''}" is not taken`,
      ),
    ]);
  }
  return new AppError(400, 'bad_request', [], { 'zh-CN': `上传格式不正确（${err.code}）`, en: `Malformed upload (${err.code})` });
}

/** The multipart of a new seal: the files image, certificate, sm2Certificate and sm2Key, and text fields. */
export const sealUpload: RequestHandler = (req, res, next) => {
  upload(req, res, (err: unknown) => {
    if (err instanceof MulterError) return next(uploadError(err));
    // anything else the parser (busboy) refuses is a malformed body: a NUL in a part's header, a body cut short
    if (err) return next(malformedUpload());
    // the text fields, as a JSON body's: no NUL in any
    const field = nulFieldOf(req.body);
    next(field ? nulInField(field) : undefined);
  });
};

/** The uploaded files by field, as buffers. */
export function uploadedFiles(files: unknown): { image?: Buffer; certificate?: Buffer; sm2Certificate?: Buffer; sm2Key?: Buffer } {
  const byField = (files ?? {}) as Record<string, Express.Multer.File[] | undefined>;
  const file = (name: string) => byField[name]?.[0]?.buffer;
  return { image: file('image'), certificate: file('certificate'), sm2Certificate: file('sm2Certificate'), sm2Key: file('sm2Key') };
}
