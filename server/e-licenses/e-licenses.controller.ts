import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../auth/auth.middleware.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { listLicenses } from './e-license-registry.ts';
import { revokeLicense } from './e-license-revocation.ts';

/** 电子证照库: administrators list and revoke; an applicant lists the licenses they hold. */
export function eLicensesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/e-licenses', requireRole('admin', 'applicant'), async (req, res) => {
    res.json(await listLicenses(req.principal!, req.query as Record<string, unknown>, negotiateLocale(req.headers['accept-language'])));
  });

  router.post('/e-licenses/:id/revoke', requireRole('admin'), async (req, res) => {
    const license = await revokeLicense(ctx, req.principal!, String(req.params.id), req.body, negotiateLocale(req.headers['accept-language']));
    req.log?.info({ eLicenseId: license.id, type: license.type, number: license.number, reason: license.revokedReason }, 'e-license revoked');
    res.json(license);
  });

  return router;
}
