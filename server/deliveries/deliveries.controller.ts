import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../auth/auth.middleware.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { chooseDelivery } from './delivery-choice.ts';
import { deliveryView } from './delivery-view.ts';
import { handOver } from './handover.ts';
import { downloadDocument } from './result-documents.ts';

/** 送达 for people (bearer token): choose the method, follow it, hand over at the window, download. */
export function deliveriesRouter(ctx: AppContext): Router {
  const router = Router();

  router.put('/cases/:caseNo/delivery', requireRole('applicant', 'clerk'), async (req, res) => {
    res.json(await chooseDelivery(ctx, req.principal!, String(req.params.caseNo), req.body));
  });

  router.get('/cases/:caseNo/delivery', async (req, res) => {
    res.json(await deliveryView(req.principal!, String(req.params.caseNo), negotiateLocale(req.headers['accept-language'])));
  });

  router.post('/cases/:caseNo/delivery/handover', requireRole('clerk'), async (req, res) => {
    res.json(await handOver(ctx, req.principal!, String(req.params.caseNo), req.body ?? {}));
  });

  router.get('/cases/:caseNo/documents/:id', async (req, res) => {
    const { document, pdf } = await downloadDocument(ctx.config, req.principal!, String(req.params.caseNo), String(req.params.id));
    // res.attachment writes filename (ASCII fallback) and filename* (RFC 5987, UTF-8) for the Chinese title
    res.attachment(`${document.title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_')}.pdf`);
    res.type('application/pdf');
    res.set({ 'Cache-Control': 'private, no-store', ETag: `"${document.sha256}"`, 'X-Document-SHA256': document.sha256 });
    res.send(pdf);
  });

  return router;
}
