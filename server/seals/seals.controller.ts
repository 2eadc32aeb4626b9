import type { AppContext } from '../context.ts';
import { registerSeal } from './seal-registration.ts';
import { sealUpload, uploadedFiles } from './seal-upload.ts';
import { changeSealUsers, deactivateSeal, getSeal, listSeals, sealImage, sealUses } from './seals.service.ts';
import { ADMINS } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/** 电子印章管理 (administrators only): register, list, retire, authorise, and read the use log. */
export function sealsRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);

  routes.post('/seals', ADMINS, sealUpload, async (req, res) => {
    const seal = await registerSeal(ctx, req.principal!, (req.body ?? {}) as Record<string, unknown>, uploadedFiles(req.files));
    req.log?.info({ sealId: seal.id, departmentCode: seal.departmentCode }, 'seal registered');
    res.status(201).location(`/api/v1/seals/${seal.id}`).json(seal);
  });

  routes.get('/seals', ADMINS, async (req, res) => {
    res.json(await listSeals(req.query as Record<string, unknown>));
  });

  routes.get('/seals/:id', ADMINS, async (req, res) => {
    res.json(await getSeal(String(req.params.id)));
  });

  routes.get('/seals/:id/image', ADMINS, async (req, res) => {
    const png = await sealImage(String(req.params.id));
    res.type('image/png').set('Cache-Control', 'private, no-store').send(png);
  });

  routes.post('/seals/:id/deactivate', ADMINS, async (req, res) => {
    const seal = await deactivateSeal(ctx, req.principal!, String(req.params.id), req.body);
    req.log?.info({ sealId: seal.id }, 'seal deactivated');
    res.json(seal);
  });

  routes.put('/seals/:id/users', ADMINS, async (req, res) => {
    const seal = await changeSealUsers(ctx, req.principal!, String(req.params.id), req.body);
    req.log?.info({ sealId: seal.id, users: seal.users }, 'seal users changed');
    res.json(seal);
  });

  routes.get('/seals/:id/uses', ADMINS, async (req, res) => {
    res.json(await sealUses(String(req.params.id), req.query as Record<string, unknown>));
  });

  return routes;
}
