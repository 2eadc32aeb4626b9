import type { AppContext } from '../context.ts';
import { SM2_DEFAULT_USER_ID } from '../documents/index.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { chooseDelivery } from './delivery-choice.ts';
import { deliveryView } from './delivery-view.ts';
import { handOver } from './handover.ts';
import { pickupQueue } from './pickup-queue.ts';
import { downloadDocument } from './result-documents.ts';
import { sm2SignatureOf, verificationUpload, verifyDocument } from './document-verification.ts';
import { SIGNED_IN, roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/** 送达 for people (bearer token): choose the method, follow it, the window's pickup queue and handover, download. */
export function deliveriesRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);

  // answers the delivery as GET does, with the choice in it: a page shows what it gets back
  routes.put('/cases/:caseNo/delivery', roles('applicant', 'clerk'), async (req, res) => {
    await chooseDelivery(ctx, req.principal!, String(req.params.caseNo), req.body);
    res.json(await deliveryView(req.principal!, String(req.params.caseNo), negotiateLocale(req.headers['accept-language'])));
  });

  routes.get('/cases/:caseNo/delivery', SIGNED_IN, async (req, res) => {
    res.json(await deliveryView(req.principal!, String(req.params.caseNo), negotiateLocale(req.headers['accept-language'])));
  });

  routes.get('/deliveries/pickups', roles('clerk'), async (req, res) => {
    res.json(await pickupQueue(req.principal!, req.query, negotiateLocale(req.headers['accept-language'])));
  });

  routes.post('/cases/:caseNo/delivery/handover', roles('clerk'), async (req, res) => {
    res.json(await handOver(ctx, req.principal!, String(req.params.caseNo), req.body ?? {}));
  });

  routes.get('/cases/:caseNo/documents/:id', SIGNED_IN, async (req, res) => {
    const { document, pdf } = await downloadDocument(ctx.config, req.principal!, String(req.params.caseNo), String(req.params.id));
    // res.attachment writes filename (ASCII fallback) and filename* (RFC 5987, UTF-8) for the Chinese title
    res.attachment(`${document.title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_')}.pdf`);
    res.type('application/pdf');
    res.set({ 'Cache-Control': 'private, no-store', ETag: `"${document.sha256}"`, 'X-Document-SHA256': document.sha256 });
    res.send(pdf);
  });

  // 验章: both signatures of the stored file, or of the copy uploaded as `file`
  routes.post('/cases/:caseNo/documents/:id/verification', SIGNED_IN, verificationUpload, async (req, res) => {
    res.json(await verifyDocument(ctx.config, req.principal!, String(req.params.caseNo), String(req.params.id), req.file?.buffer));
  });

  routes.get('/cases/:caseNo/documents/:id/sm2-signature', SIGNED_IN, async (req, res) => {
    const { der, title, serial } = await sm2SignatureOf(req.principal!, String(req.params.caseNo), String(req.params.id));
    res.attachment(`${title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_')}.pdf.sig`);
    res.type('application/octet-stream');
    res.set({ 'Cache-Control': 'private, no-store', 'X-SM2-Certificate-Serial': serial, 'X-SM2-User-Id': SM2_DEFAULT_USER_ID });
    res.send(der);
  });

  return routes;
}
