import type { Transaction } from 'sequelize';
import { ServiceHall, HallWindow } from './hall.model.ts';
import { Region } from './region.model.ts';
import { Department } from './department.model.ts';
import { recordAudit, type AuditEntry } from '../audit/index.ts';
import { conflict, notFound, validationFailed } from '../errors/app-error.ts';
import { fieldProblem } from '../../contract/problems.ts';
import { isWithinRegion } from '../../contract/regions.ts';
import {
  DEFAULT_OPENING_PERIODS,
  DEFAULT_SLOT_CAPACITY,
  hallRules,
  hallWindowRules,
  type HallBody,
  type HallWindowBody,
  type OpeningPeriod,
  type SlotCapacity,
  type WindowKind,
} from '../../contract/requests/organization.ts';

type Who = Pick<AuditEntry, 'actor' | 'clientAddress'>;

export interface HallWindowRecord {
  id: number;
  hallId: number;
  number: string;
  kind: WindowKind;
  departmentCode: string | null;
  active: boolean;
}

export interface HallRecord {
  id: number;
  regionCode: string;
  nameZh: string;
  nameEn: string;
  address: string;
  phone: string | null;
  hours: string | null;
  latitude: number | null;
  longitude: number | null;
  openingPeriods: OpeningPeriod[];
  slotCapacity: SlotCapacity;
  active: boolean;
  windows: HallWindowRecord[];
}

const plainWindow = (w: HallWindow): HallWindowRecord => ({
  id: w.id,
  hallId: w.hallId,
  number: w.number,
  kind: w.kind,
  departmentCode: w.departmentCode,
  active: w.active,
});
const plainHall = (h: ServiceHall, windows: HallWindow[]): HallRecord => ({
  id: h.id,
  regionCode: h.regionCode,
  nameZh: h.nameZh,
  nameEn: h.nameEn,
  address: h.address,
  phone: h.phone,
  hours: h.hours,
  latitude: h.latitude === null ? null : Number(h.latitude),
  longitude: h.longitude === null ? null : Number(h.longitude),
  openingPeriods: h.openingPeriods,
  slotCapacity: h.slotCapacity,
  active: h.active,
  windows: windows.filter((w) => w.hallId === h.id).map(plainWindow),
});

/** The halls of a region and of every region under it (all halls when none is named), with their windows. */
export async function hallsWithin(regionCode?: string): Promise<HallRecord[]> {
  const halls = (await ServiceHall.findAll({ order: [['id', 'ASC']] })).filter((h) => !regionCode || isWithinRegion(h.regionCode, regionCode));
  const windows = await HallWindow.findAll({ order: [['number', 'ASC']] });
  return halls.map((h) => plainHall(h, windows));
}

/** One hall with its windows (404 hall_not_found). */
export async function hallWithWindows(id: number): Promise<HallRecord> {
  const hall = await ServiceHall.findByPk(id);
  if (!hall) throw notFound('hall_not_found');
  return plainHall(hall, await HallWindow.findAll({ where: { hallId: id }, order: [['number', 'ASC']] }));
}

function checkHall(body: Pick<HallBody, 'openingPeriods' | 'latitude' | 'longitude'>): void {
  const problems = hallRules(body);
  if (problems.length) throw validationFailed(problems);
}

export async function createHall(body: HallBody, who: Who): Promise<HallRecord> {
  checkHall(body);
  const id = await ServiceHall.sequelize!.transaction(async (transaction) => {
    if (!(await Region.findByPk(body.regionCode, { transaction })))
      throw validationFailed([fieldProblem('regionCode', `区划：${body.regionCode} 不存在`, `Region: no region ${body.regionCode}`)]);
    const hall = await ServiceHall.create(
      {
        regionCode: body.regionCode,
        nameZh: body.nameZh.trim(),
        nameEn: body.nameEn.trim(),
        address: body.address.trim(),
        phone: body.phone ?? null,
        hours: body.hours?.trim() || null,
        latitude: body.latitude ?? null,
        longitude: body.longitude ?? null,
        openingPeriods: body.openingPeriods ?? DEFAULT_OPENING_PERIODS,
        slotCapacity: body.slotCapacity ?? DEFAULT_SLOT_CAPACITY,
        active: body.active ?? true,
      },
      { transaction },
    );
    await recordAudit({ ...who, action: 'hall.created', target: `hall:${hall.id}`, detail: { after: plainHall(hall, []) } }, transaction);
    return hall.id;
  });
  return hallWithWindows(id);
}

export async function changeHall(id: number, body: Partial<HallBody>, who: Who): Promise<HallRecord> {
  await ServiceHall.sequelize!.transaction(async (transaction) => {
    const hall = await ServiceHall.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!hall) throw notFound('hall_not_found');
    const before = plainHall(hall, []);
    checkHall({
      openingPeriods: body.openingPeriods ?? before.openingPeriods,
      latitude: body.latitude !== undefined ? body.latitude : before.latitude,
      longitude: body.longitude !== undefined ? body.longitude : before.longitude,
    });
    await hall.update(
      {
        ...(body.nameZh !== undefined ? { nameZh: body.nameZh.trim() } : {}),
        ...(body.nameEn !== undefined ? { nameEn: body.nameEn.trim() } : {}),
        ...(body.address !== undefined ? { address: body.address.trim() } : {}),
        ...(body.phone !== undefined ? { phone: body.phone } : {}),
        ...(body.hours !== undefined ? { hours: body.hours?.trim() || null } : {}),
        ...(body.latitude !== undefined ? { latitude: body.latitude } : {}),
        ...(body.longitude !== undefined ? { longitude: body.longitude } : {}),
        ...(body.openingPeriods !== undefined ? { openingPeriods: body.openingPeriods } : {}),
        ...(body.slotCapacity !== undefined ? { slotCapacity: body.slotCapacity } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        updatedAt: new Date(),
      },
      { transaction },
    );
    await recordAudit({ ...who, action: 'hall.changed', target: `hall:${id}`, detail: { before, after: plainHall(hall, []) } }, transaction);
  });
  return hallWithWindows(id);
}

async function checkWindow(body: HallWindowBody, transaction: Transaction): Promise<void> {
  const problems = hallWindowRules(body);
  if (problems.length) throw validationFailed(problems);
  if (body.departmentCode && !(await Department.findByPk(body.departmentCode, { transaction })))
    throw validationFailed([
      fieldProblem('departmentCode', `专窗部门：${body.departmentCode} 不存在`, `Department of the window: no department ${body.departmentCode}`),
    ]);
}

/** Adds a window to a hall (its number unique in the hall). */
export async function createWindow(hallId: number, body: HallWindowBody, who: Who): Promise<HallRecord> {
  await ServiceHall.sequelize!.transaction(async (transaction) => {
    if (!(await ServiceHall.findByPk(hallId, { transaction }))) throw notFound('hall_not_found');
    await checkWindow(body, transaction);
    if (await HallWindow.findOne({ where: { hallId, number: body.number }, transaction })) throw conflict('window_number_taken');
    const window = await HallWindow.create(
      { hallId, number: body.number, kind: body.kind, departmentCode: body.departmentCode ?? null, active: body.active ?? true },
      { transaction },
    );
    await recordAudit({ ...who, action: 'hall_window.created', target: `hall-window:${window.id}`, detail: { after: plainWindow(window) } }, transaction);
  });
  return hallWithWindows(hallId);
}

/** Changes a window (the whole window is sent). */
export async function changeWindow(id: number, body: HallWindowBody, who: Who): Promise<HallRecord> {
  const hallId = await HallWindow.sequelize!.transaction(async (transaction) => {
    const window = await HallWindow.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!window) throw notFound('window_not_found');
    await checkWindow(body, transaction);
    if (body.number !== window.number && (await HallWindow.findOne({ where: { hallId: window.hallId, number: body.number }, transaction })))
      throw conflict('window_number_taken');
    const before = plainWindow(window);
    await window.update(
      { number: body.number, kind: body.kind, departmentCode: body.departmentCode ?? null, active: body.active ?? window.active, updatedAt: new Date() },
      { transaction },
    );
    await recordAudit({ ...who, action: 'hall_window.changed', target: `hall-window:${id}`, detail: { before, after: plainWindow(window) } }, transaction);
    return window.hallId;
  });
  return hallWithWindows(hallId);
}
