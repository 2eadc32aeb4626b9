import type { Request } from 'express';
import type { AppContext } from '../context.ts';
import { ADMINS, PUBLIC, SIGNED_IN } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { requestActor } from '../audit/index.ts';
import { assertValid } from '../validation/ajv.ts';
import { notFound, validationFailed } from '../errors/app-error.ts';
import { fieldProblem } from '../../contract/problems.ts';
import { REGION_CODE_PATTERN } from '../../contract/regions.ts';
import {
  hallChangeSchema,
  hallWindowSchema,
  newHallSchema,
  newRegionDepartmentSchema,
  newRegionSchema,
  regionChangeSchema,
  regionDepartmentChangeSchema,
  type HallBody,
  type HallWindowBody,
  type RegionBody,
  type RegionDepartmentBody,
} from '../../contract/requests/organization.ts';
import { allRegions, changeRegion, changeRegionDepartment, createRegion, createRegionDepartment, regionDepartments } from './regions.ts';
import { changeHall, changeWindow, createHall, createWindow, hallsWithin, hallWithWindows } from './halls.ts';

/** A numeric id of the path (else 404: no such thing). */
const idOf = (req: Request, code: Parameters<typeof notFound>[0]): number => {
  const raw = String(req.params.id);
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw notFound(code);
  return Number(raw);
};

/** A region filter of the query: absent, or a region code. */
function regionQuery(req: Request): string | undefined {
  const region = req.query.region;
  if (region === undefined || region === '') return undefined;
  if (typeof region !== 'string' || !new RegExp(REGION_CODE_PATTERN).test(region))
    throw validationFailed([fieldProblem('region', '区划：应为 6、9 或 12 位区划代码', 'Region: a region code of 6, 9 or 12 digits')]);
  return region;
}

/**
 * 组织机构: the region tree (四级), the departments of each region, the service halls and their
 * windows. Everyone signed in reads the tree and the departments (to choose where to apply, whom
 * to place); the halls are public (where to go); the system administrator edits them, each change
 * in the audit trail.
 */
export function organizationRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);

  routes.get('/regions', SIGNED_IN, async (_req, res) => {
    res.json({ regions: await allRegions() });
  });
  routes.post('/regions', ADMINS, async (req, res) => {
    assertValid<RegionBody>(newRegionSchema, req.body);
    res.status(201).json(await createRegion(req.body as RegionBody, requestActor(req)));
  });
  routes.patch('/regions/:code', ADMINS, async (req, res) => {
    assertValid<Partial<RegionBody> & { active?: boolean }>(regionChangeSchema, req.body);
    res.json(await changeRegion(String(req.params.code), req.body as { nameZh?: string; nameEn?: string; active?: boolean }, requestActor(req)));
  });

  routes.get('/region-departments', SIGNED_IN, async (req, res) => {
    res.json({ departments: await regionDepartments(regionQuery(req)) });
  });
  routes.post('/region-departments', ADMINS, async (req, res) => {
    assertValid<RegionDepartmentBody>(newRegionDepartmentSchema, req.body);
    res.status(201).json(await createRegionDepartment(req.body as RegionDepartmentBody, requestActor(req)));
  });
  routes.patch('/region-departments/:id', ADMINS, async (req, res) => {
    const id = idOf(req, 'region_department_not_found');
    assertValid<Partial<RegionDepartmentBody>>(regionDepartmentChangeSchema, req.body);
    res.json(await changeRegionDepartment(id, req.body as Partial<RegionDepartmentBody>, requestActor(req)));
  });

  // the public sees the halls in use and their windows in use; the administrator every one, to edit it
  routes.get('/halls', PUBLIC, async (req, res) => {
    const halls = (await hallsWithin(regionQuery(req))).filter((h) => h.active);
    res.json({ halls: halls.map((h) => ({ ...h, windows: h.windows.filter((w) => w.active) })) });
  });
  routes.get('/halls/:id', PUBLIC, async (req, res) => {
    const hall = await hallWithWindows(idOf(req, 'hall_not_found'));
    if (!hall.active) throw notFound('hall_not_found');
    res.json({ ...hall, windows: hall.windows.filter((w) => w.active) });
  });
  routes.get('/admin/halls', ADMINS, async (req, res) => {
    res.json({ halls: await hallsWithin(regionQuery(req)) });
  });
  routes.post('/halls', ADMINS, async (req, res) => {
    assertValid<HallBody>(newHallSchema, req.body);
    res.status(201).json(await createHall(req.body as HallBody, requestActor(req)));
  });
  routes.patch('/halls/:id', ADMINS, async (req, res) => {
    const id = idOf(req, 'hall_not_found');
    assertValid<Partial<HallBody>>(hallChangeSchema, req.body);
    res.json(await changeHall(id, req.body as Partial<HallBody>, requestActor(req)));
  });
  routes.post('/halls/:id/windows', ADMINS, async (req, res) => {
    const id = idOf(req, 'hall_not_found');
    assertValid<HallWindowBody>(hallWindowSchema, req.body);
    res.status(201).json(await createWindow(id, req.body as HallWindowBody, requestActor(req)));
  });
  routes.patch('/hall-windows/:id', ADMINS, async (req, res) => {
    const id = idOf(req, 'window_not_found');
    assertValid<HallWindowBody>(hallWindowSchema, req.body);
    res.json(await changeWindow(id, req.body as HallWindowBody, requestActor(req)));
  });

  return routes;
}
