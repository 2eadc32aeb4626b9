import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { submitCase } from './cases.service.ts';
import { caseView } from './case-view.ts';
import type { CaseViewSources } from './case-view-sources.ts';
import { prefill } from './prefill.service.ts';
import { resubmitCase, supplyMaterials } from './correction.service.ts';
import { withdrawCase } from './withdraw.service.ts';
import { caseTracking } from './tracking.service.ts';
import { caseFile } from './case-files.ts';
import { pipeline } from 'node:stream/promises';
import { storageOf } from '../storage/index.ts';
import { resumeCase } from './suspension.service.ts';
import { reasonSchema } from '../../contract/requests/case-actions.ts';
import { assertValid } from '../validation/ajv.ts';
import { SIGNED_IN, roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/** The cases' routes; `sources` is what the case's page shows of the review (server/inbox, handed in by server/app.ts). */
export function casesRoutes(ctx: AppContext, sources: CaseViewSources): RouteTable {
  const routes = new RouteTable(ctx);

  routes.post('/cases', roles('applicant', 'clerk'), async (req, res) => {
    const key = req.header('Idempotency-Key') ?? undefined;
    const result = await submitCase(ctx, req.principal!, req.body, key);
    res
      .status(result.replayed ? 200 : 201)
      .location(`/api/v1/cases/${result.caseNo}`)
      .json(result);
  });

  routes.post('/prefill', roles('applicant', 'clerk'), async (req, res) => {
    res.json(await prefill(req.principal!, req.body));
  });

  routes.post('/cases/:caseNo/resubmission', roles('applicant', 'clerk'), async (req, res) => {
    res.json(await resubmitCase(ctx, req.principal!, String(req.params.caseNo), req.body));
  });

  routes.post('/cases/:caseNo/materials', roles('applicant', 'clerk'), async (req, res) => {
    res.json(await supplyMaterials(ctx, req.principal!, String(req.params.caseNo), req.body));
  });

  routes.post('/cases/:caseNo/withdraw', roles('applicant', 'clerk'), async (req, res) => {
    assertValid<{ reason: string }>(reasonSchema, req.body);
    res.json(await withdrawCase(ctx, req.principal!, String(req.params.caseNo), (req.body as { reason: string }).reason));
  });

  routes.post('/cases/:caseNo/resume', roles('reviewer', 'leader'), async (req, res) => {
    assertValid<{ reason: string }>(reasonSchema, req.body);
    res.json(await resumeCase(ctx, req.principal!, String(req.params.caseNo), req.body as { reason: string }));
  });

  routes.get('/cases/:caseNo/tracking', SIGNED_IN, async (req, res) => {
    res.json(await caseTracking(ctx, req.principal!, String(req.params.caseNo), negotiateLocale(req.headers['accept-language'])));
  });

  // the browser shows images and PDFs inline (fetched with the bearer token, shown from a blob: URL)
  routes.get('/cases/:caseNo/files/:attachmentId', SIGNED_IN, async (req, res) => {
    const { attachment, content } = await caseFile(
      storageOf(ctx.config),
      sources.isReviewFileOf,
      req.principal!,
      String(req.params.caseNo),
      String(req.params.attachmentId),
    );
    res.type(attachment.mimeType);
    res.set({
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(attachment.originalName)}`,
      'Cache-Control': 'private, no-store',
      ETag: `"${attachment.sm3 ?? attachment.sha256}"`,
      'Content-Length': String(attachment.sizeBytes),
    });
    if (req.fresh) {
      // the browser's copy is this file (its hash is the ETag)
      content.destroy();
      res.status(304).end();
      return;
    }
    await pipeline(content, res).catch((err: unknown) => {
      // the browser went away mid-file: nothing to answer
      if (!res.destroyed) throw err;
    });
  });

  routes.get('/cases/:caseNo', SIGNED_IN, async (req, res) => {
    res.json(await caseView(ctx, sources, req.principal!, String(req.params.caseNo), negotiateLocale(req.headers['accept-language'])));
  });

  return routes;
}
