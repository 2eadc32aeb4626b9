import type { AppContext } from '../context.ts';
import type { RequestHandler } from 'express';
import multer, { MulterError } from 'multer';
import { AppError, badRequest, fieldProblem, malformedUpload, nulInField } from '../errors/app-error.ts';
import { isCleanFileName } from '../../contract/validation/text.ts';
import { storeAttachment } from './attachments.service.ts';
import { storageOf } from '../storage/index.ts';
import { roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/** Browsers send multipart file names as latin1; restore the UTF-8 a Chinese file name was. */
function decodeFileName(name: string): string {
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}

export function attachmentsRoutes(ctx: AppContext): RouteTable {
  const { config } = ctx;
  const routes = new RouteTable(ctx);
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 0, parts: 1 },
  });

  const parse = upload.single('file');
  // what the parser refuses (a NUL or a line break in the part's header, where the file name is; a body
  // cut short) is a 400; its limits (MulterError) are translated by the error middleware
  const readFile: RequestHandler = (req, res, next) =>
    parse(req, res, (err?: unknown) => next(err && !(err instanceof MulterError) ? malformedUpload('file') : err));

  routes.post('/attachments', roles('applicant', 'clerk', 'reviewer', 'leader'), readFile, async (req, res) => {
    if (!req.file) throw badRequest('file_missing');
    if (req.file.size === 0) {
      throw badRequest('file_missing', { 'zh-CN': '文件为空', en: 'The file is empty' });
    }
    const name = decodeFileName(req.file.originalname);
    // the name is shown to reviewers and kept in the database: checked before anything is stored
    if (name.includes('\u0000')) throw nulInField('file.name');
    if (!isCleanFileName(name)) {
      throw new AppError(
        400,
        'bad_request',
        [fieldProblem('file.name', '文件名：含有控制字符或改变文字方向的字符', 'file.name: contains a control or text-direction character')],
        {
          'zh-CN': '文件名含有控制字符或改变文字方向的字符（可能伪装扩展名），请重命名后再上传，未作任何更改',
          en: 'The file name contains a control or text-direction character (it may disguise the extension); rename the file and upload it again. Nothing was changed',
        },
      );
    }
    const stored = await storeAttachment(storageOf(config), req.principal!.id, name, req.file.buffer);
    req.log?.info({ attachmentId: stored.id, sm3: stored.sm3, size: stored.sizeBytes }, 'attachment stored');
    res.status(201).json(stored);
  });

  return routes;
}
