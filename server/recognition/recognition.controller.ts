import type { RequestHandler } from 'express';
import multer, { MulterError } from 'multer';
import type { AppContext } from '../context.ts';
import { AppError, fieldProblem, malformedUpload, withRetryAfter } from '../errors/app-error.ts';
import { recordAudit, requestActor } from '../audit/index.ts';
import { roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { DOCUMENT_KINDS, isDocumentKind } from '../../contract/recognition/documents.ts';
import { Limiter } from './limiter.ts';
import { MAX_IMAGE_BYTES, recogniseImage } from './recognise.ts';

/**
 * POST /recognition: an applicant (on the online application) or a window clerk (at intake) sends a
 * photo or a scan with what it is; the answer is the fields read, each with its confidence, the
 * identifiers checked. The image stays in memory and is gone with the request; the audit trail
 * records who asked for what kind and how many fields came out, never the image or the text.
 */
export function recognitionRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  const limiter = new Limiter();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 64 } });
  const parse = upload.single('image');
  const readImage: RequestHandler = (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (err instanceof MulterError && err.code === 'LIMIT_FILE_SIZE') {
        return next(
          new AppError(413, 'file_too_large', [], {
            'zh-CN': `图片超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB，请缩小后再上传，未保存任何内容`,
            en: `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB; scale it down and upload it again. Nothing was kept`,
          }),
        );
      }
      if (err instanceof MulterError) {
        return next(
          new AppError(400, 'bad_request', [fieldProblem('image', `image：上传格式不正确（${err.code}）`, `image: malformed upload (${err.code})`)], {
            'zh-CN': `上传格式不正确：请发送证照类型 kind 和一个名为 image 的图片（${err.code}），未保存任何内容`,
            en: `Malformed upload: send the kind and one image in the field "image" (${err.code}). Nothing was kept`,
          }),
        );
      }
      next(err ? malformedUpload('image') : undefined);
    });

  const busy = () => withRetryAfter(new AppError(503, 'recognition_busy'), 5);
  // a burst is refused before its images are read into memory, not after
  const refuseWhenBusy: RequestHandler = (_req, _res, next) => next(limiter.full ? busy() : undefined);

  routes.post('/recognition', roles('applicant', 'clerk'), refuseWhenBusy, readImage, async (req, res) => {
    const kind: unknown = req.body?.kind;
    if (!isDocumentKind(kind)) {
      const kinds = Object.entries(DOCUMENT_KINDS);
      throw new AppError(422, 'validation_failed', [
        fieldProblem(
          'kind',
          `kind：请选择证照类型（${kinds.map(([k, l]) => `${k} ${l['zh-CN']}`).join('、')}）`,
          `kind: choose what the image is (${kinds.map(([k, l]) => `${k}: ${l.en}`).join(', ')})`,
        ),
      ]);
    }
    if (!req.file || req.file.size === 0) {
      throw new AppError(400, 'bad_request', [fieldProblem('image', 'image：请拍照或选择图片', 'image: take a photo or choose an image')], {
        'zh-CN': '没有收到图片：请拍照或选择证照的扫描图片',
        en: 'No image came: take a photo or choose a scan of the document',
      });
    }
    const outcome = await limiter.run(() => recogniseImage(req.file!.buffer, kind));
    if (!outcome) throw busy();
    const recognition = outcome.value;
    const count = (status: string) => recognition.fields.filter((f) => f.status === status).length;
    await recordAudit({
      ...requestActor(req),
      action: 'recognition.performed',
      target: kind,
      detail: { kind, recognised: count('recognised'), checkFailed: count('check_failed'), notFound: count('not_found'), tookMs: recognition.tookMs },
    });
    req.log?.info({ kind, tookMs: recognition.tookMs, turned: recognition.turnedDegrees }, 'document recognised');
    res.json(recognition);
  });
  return routes;
}
