import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../auth/auth.middleware.ts';
import { registerSeal } from './seal-registration.ts';
import { sealUpload, uploadedFiles } from './seal-upload.ts';
import { changeSealUsers, deactivateSeal, getSeal, listSeals, sealImage, sealUses } from './seals.service.ts';

/** 电子印章管理 (administrators only): register, list, retire, authorise, and read the use log. */
export function sealsRouter(ctx: AppContext): Router {
  const router = Router();
  const admin = requireRole('admin');

  router.post('/seals', admin, sealUpload, async (req, res) => {
    const seal = await registerSeal(ctx, req.principal!, (req.body ?? {}) as Record<string, unknown>, uploadedFiles(req.files));
    req.log?.info({ sealId: seal.id, departmentCode: seal.departmentCode }, 'seal registered');
    res.status(201).location(`/api/v1/seals/${seal.id}`).json(seal);
  });

  router.get('/seals', admin, async (req, res) => {
    res.json(await listSeals(req.query as Record<string, unknown>));
  });

  router.get('/seals/:id', admin, async (req, res) => {
    res.json(await getSeal(String(req.params.id)));
  });

  router.get('/seals/:id/image', admin, async (req, res) => {
    const png = await sealImage(String(req.params.id));
    res.type('image/png').set('Cache-Control', 'private, no-store').send(png);
  });

  router.post('/seals/:id/deactivate', admin, async (req, res) => {
    const seal = await deactivateSeal(ctx, req.principal!, String(req.params.id), req.body);
    req.log?.info({ sealId: seal.id }, 'seal deactivated');
    res.json(seal);
  });

  router.put('/seals/:id/users', admin, async (req, res) => {
    const seal = await changeSealUsers(ctx, req.principal!, String(req.params.id), req.body);
    req.log?.info({ sealId: seal.id, users: seal.users }, 'seal users changed');
    res.json(seal);
  });

  router.get('/seals/:id/uses', admin, async (req, res) => {
    res.json(await sealUses(String(req.params.id), req.query as Record<string, unknown>));
  });

  return router;
}
