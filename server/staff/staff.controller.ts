import { Router } from 'express';
import { requireRole } from '../auth/auth.middleware.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { assertValid } from '../validation/ajv.ts';
import { listStaff, staffQuerySchema, type StaffQuery } from './staff.service.ts';

/** GET /staff: the staff directory the inbox operations pick people from (转办, 委派, 抄送, 加签). */
export function staffRouter(): Router {
  const router = Router();
  router.get('/staff', requireRole('reviewer', 'leader', 'clerk', 'admin', 'analyst'), async (req, res) => {
    assertValid<StaffQuery>(staffQuerySchema, req.query, 'query');
    res.json(await listStaff(req.query as StaffQuery, negotiateLocale(req.headers['accept-language'])));
  });
  return router;
}
