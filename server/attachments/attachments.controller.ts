import type { AppContext } from '../context.ts';
import multer from 'multer';
import { badRequest } from '../errors/app-error.ts';
import { storeAttachment } from './attachments.service.ts';
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

  routes.post('/attachments', roles('applicant', 'clerk', 'reviewer', 'leader'), upload.single('file'), async (req, res) => {
    if (!req.file) throw badRequest('file_missing');
    if (req.file.size === 0) {
      throw badRequest('file_missing', { 'zh-CN': '文件为空', en: 'The file is empty' });
    }
    const stored = await storeAttachment(config.dataDir, req.principal!.id, decodeFileName(req.file.originalname), req.file.buffer);
    req.log?.info({ attachmentId: stored.id, sha256: stored.sha256, size: stored.sizeBytes }, 'attachment stored');
    res.status(201).json(stored);
  });

  return routes;
}
