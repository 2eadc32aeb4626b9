import { Op, type Transaction } from 'sequelize';
import { Region, RegionDepartment } from './region.model.ts';
import { Department } from './department.model.ts';
import { recordAudit, type AuditEntry } from '../audit/index.ts';
import { conflict, notFound, validationFailed } from '../errors/app-error.ts';
import { fieldProblem } from '../../contract/problems.ts';
import { isWithinRegion, regionLevel, type RegionLevel } from '../../contract/regions.ts';
import { regionRules, type RegionBody, type RegionDepartmentBody } from '../../contract/requests/organization.ts';

/** A region as other domains read it. */
export interface RegionRecord {
  code: string;
  nameZh: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
  active: boolean;
}

const plain = (r: Region): RegionRecord => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, level: r.level, parentCode: r.parentCode, active: r.active });

type Who = Pick<AuditEntry, 'actor' | 'clientAddress'>;

/** Every region, parents before children (by code: a child's code extends its parent's). */
export async function allRegions(): Promise<RegionRecord[]> {
  return (await Region.findAll({ order: [['code', 'ASC']] })).map(plain);
}

export async function regionByCode(code: string, transaction?: Transaction): Promise<RegionRecord | null> {
  const r = await Region.findByPk(code, { transaction });
  return r ? plain(r) : null;
}

/** The region and its ancestors, the region first. */
export async function regionWithAncestors(code: string): Promise<RegionRecord[]> {
  const chain: RegionRecord[] = [];
  let at: string | null = code;
  while (at && chain.length < 6) {
    const r = await regionByCode(at);
    if (!r) break;
    chain.push(r);
    at = r.parentCode;
  }
  return chain;
}

/** The platform's own region (REGION_CODE) exists: the root of its tree, named as the city is. */
export async function ensureRootRegion(code: string, nameZh: string, nameEn: string): Promise<void> {
  if (await Region.findByPk(code)) return;
  await Region.create({ code, nameZh, nameEn, level: regionLevel(code) ?? 'city', parentCode: null });
}

/** Adds a region under its parent (the tree's rules: contract/requests/organization.ts); recorded in the audit trail. */
export async function createRegion(body: RegionBody, who: Who): Promise<RegionRecord> {
  const problems = regionRules(body);
  if (problems.length) throw validationFailed(problems);
  return Region.sequelize!.transaction(async (transaction) => {
    if (await Region.findByPk(body.code, { transaction })) throw conflict('region_exists');
    if (body.parentCode) {
      const parent = await Region.findByPk(body.parentCode, { transaction });
      if (!parent) throw validationFailed([fieldProblem('parentCode', `上级区划：${body.parentCode} 不存在`, `Parent region: no region ${body.parentCode}`)]);
      if (!parent.active)
        throw validationFailed([fieldProblem('parentCode', `上级区划：${parent.nameZh} 已停用`, `Parent region: ${parent.nameEn} is not in use`)]);
    }
    const created = await Region.create(
      { code: body.code, nameZh: body.nameZh.trim(), nameEn: body.nameEn.trim(), level: regionLevel(body.code)!, parentCode: body.parentCode ?? null },
      { transaction },
    );
    await recordAudit({ ...who, action: 'region.created', target: `region:${body.code}`, detail: { after: plain(created) } }, transaction);
    return plain(created);
  });
}

/** Renames a region, or takes it out of use (only when no region under it is in use). */
export async function changeRegion(code: string, body: { nameZh?: string; nameEn?: string; active?: boolean }, who: Who): Promise<RegionRecord> {
  return Region.sequelize!.transaction(async (transaction) => {
    const region = await Region.findByPk(code, { transaction, lock: transaction.LOCK.UPDATE });
    if (!region) throw notFound('region_not_found');
    const before = plain(region);
    if (body.active === false && region.active) {
      if (!region.parentCode) throw conflict('region_is_root');
      const children = await Region.count({ where: { parentCode: code, active: true }, transaction });
      if (children) throw conflict('region_has_active_children');
    }
    await region.update(
      {
        ...(body.nameZh !== undefined ? { nameZh: body.nameZh.trim() } : {}),
        ...(body.nameEn !== undefined ? { nameEn: body.nameEn.trim() } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        updatedAt: new Date(),
      },
      { transaction },
    );
    await recordAudit({ ...who, action: 'region.changed', target: `region:${code}`, detail: { before, after: plain(region) } }, transaction);
    return plain(region);
  });
}

/** A department of a region, as other domains read it. */
export interface RegionDepartmentRecord {
  id: number;
  regionCode: string;
  departmentCode: string;
  nameZh: string;
  nameEn: string;
  parentId: number | null;
  creditCode: string | null;
  address: string | null;
  phone: string | null;
  active: boolean;
}

const plainDepartment = (d: RegionDepartment): RegionDepartmentRecord => ({
  id: d.id,
  regionCode: d.regionCode,
  departmentCode: d.departmentCode,
  nameZh: d.nameZh,
  nameEn: d.nameEn,
  parentId: d.parentId,
  creditCode: d.creditCode,
  address: d.address,
  phone: d.phone,
  active: d.active,
});

/** The departments of the regions (all when none is named), by region and kind. */
export async function regionDepartments(regionCode?: string): Promise<RegionDepartmentRecord[]> {
  return (
    await RegionDepartment.findAll({
      where: regionCode ? { regionCode } : {},
      order: [
        ['regionCode', 'ASC'],
        ['departmentCode', 'ASC'],
      ],
    })
  ).map(plainDepartment);
}

/** Whether the region has a department of that kind in use (staff of it may be placed there). */
export async function hasRegionDepartment(regionCode: string, departmentCode: string, transaction?: Transaction): Promise<boolean> {
  return (await RegionDepartment.count({ where: { regionCode, departmentCode, active: true }, transaction })) > 0;
}

async function checkDepartmentLinks(body: Partial<RegionDepartmentBody>, regionCode: string, transaction: Transaction): Promise<void> {
  if (body.parentId === undefined || body.parentId === null) return;
  const parent = await RegionDepartment.findByPk(body.parentId, { transaction });
  if (!parent) throw validationFailed([fieldProblem('parentId', `上级部门：${body.parentId} 不存在`, `Parent department: no department ${body.parentId}`)]);
  // a department answers to one of its own region or of a region above it
  if (!isWithinRegion(regionCode, parent.regionCode))
    throw validationFailed([fieldProblem('parentId', '上级部门：须为本级或上级区划的部门', 'Parent department: must be of this region or a region above it')]);
}

/** Adds a department to a region (one of each kind per region); recorded in the audit trail. */
export async function createRegionDepartment(body: RegionDepartmentBody, who: Who): Promise<RegionDepartmentRecord> {
  return RegionDepartment.sequelize!.transaction(async (transaction) => {
    const region = await Region.findByPk(body.regionCode, { transaction });
    if (!region) throw validationFailed([fieldProblem('regionCode', `区划：${body.regionCode} 不存在`, `Region: no region ${body.regionCode}`)]);
    if (!(await Department.findByPk(body.departmentCode, { transaction })))
      throw validationFailed([fieldProblem('departmentCode', `部门类别：${body.departmentCode} 不存在`, `Department: no department ${body.departmentCode}`)]);
    if (await RegionDepartment.findOne({ where: { regionCode: body.regionCode, departmentCode: body.departmentCode }, transaction }))
      throw conflict('region_department_exists');
    await checkDepartmentLinks(body, body.regionCode, transaction);
    const created = await RegionDepartment.create(
      {
        regionCode: body.regionCode,
        departmentCode: body.departmentCode,
        nameZh: body.nameZh.trim(),
        nameEn: body.nameEn.trim(),
        parentId: body.parentId ?? null,
        creditCode: body.creditCode ?? null,
        address: body.address?.trim() || null,
        phone: body.phone ?? null,
        active: body.active ?? true,
      },
      { transaction },
    );
    await recordAudit(
      { ...who, action: 'region_department.created', target: `region-department:${created.id}`, detail: { after: plainDepartment(created) } },
      transaction,
    );
    return plainDepartment(created);
  });
}

export async function changeRegionDepartment(id: number, body: Partial<RegionDepartmentBody>, who: Who): Promise<RegionDepartmentRecord> {
  return RegionDepartment.sequelize!.transaction(async (transaction) => {
    const row = await RegionDepartment.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!row) throw notFound('region_department_not_found');
    if (body.parentId === id) throw validationFailed([fieldProblem('parentId', '上级部门：不能是自己', 'Parent department: not itself')]);
    await checkDepartmentLinks(body, row.regionCode, transaction);
    const before = plainDepartment(row);
    await row.update(
      {
        ...(body.nameZh !== undefined ? { nameZh: body.nameZh.trim() } : {}),
        ...(body.nameEn !== undefined ? { nameEn: body.nameEn.trim() } : {}),
        ...(body.parentId !== undefined ? { parentId: body.parentId } : {}),
        ...(body.creditCode !== undefined ? { creditCode: body.creditCode } : {}),
        ...(body.address !== undefined ? { address: body.address?.trim() || null } : {}),
        ...(body.phone !== undefined ? { phone: body.phone } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        updatedAt: new Date(),
      },
      { transaction },
    );
    await recordAudit(
      { ...who, action: 'region_department.changed', target: `region-department:${id}`, detail: { before, after: plainDepartment(row) } },
      transaction,
    );
    return plainDepartment(row);
  });
}

/** The regions whose codes are within `code` (the region itself included): a leader's reach. */
export async function regionsWithin(code: string): Promise<RegionRecord[]> {
  return (await allRegions()).filter((r) => isWithinRegion(r.code, code));
}

/** Regions by their codes (unknown ones left out). */
export async function regionsByCodes(codes: string[]): Promise<RegionRecord[]> {
  return codes.length ? (await Region.findAll({ where: { code: { [Op.in]: codes } } })).map(plain) : [];
}
