import { Op, type Transaction } from 'sequelize';
import { Department } from './department.model.ts';

/** The city's departments that own items or staff windows. Reference data, kept in every mode. */
export const DEPARTMENTS = [
  { code: 'samr', nameZh: '市场监督管理局', nameEn: 'Administration for Market Regulation' },
  { code: 'fire', nameZh: '消防救援支队', nameEn: 'Fire and Rescue Detachment' },
  { code: 'urban', nameZh: '城市管理局', nameEn: 'Urban Management Bureau' },
  { code: 'health', nameZh: '卫生健康委员会', nameEn: 'Health Commission' },
  { code: 'police', nameZh: '公安局', nameEn: 'Public Security Bureau' },
  { code: 'hrss', nameZh: '人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau' },
  { code: 'medical', nameZh: '医疗保障局', nameEn: 'Healthcare Security Administration' },
  { code: 'tax', nameZh: '税务局', nameEn: 'Tax Bureau' },
  { code: 'civil', nameZh: '民政局', nameEn: 'Civil Affairs Bureau' },
  { code: 'center', nameZh: '政务服务中心', nameEn: 'Government Service Center' },
  { code: 'data', nameZh: '数据资源管理局', nameEn: 'Data Resources Bureau' },
] as const;

export async function syncDepartments(): Promise<void> {
  for (const d of DEPARTMENTS) {
    const existing = await Department.findByPk(d.code);
    if (!existing) await Department.create({ ...d });
    else if (existing.nameZh !== d.nameZh || existing.nameEn !== d.nameEn) await existing.update({ nameZh: d.nameZh, nameEn: d.nameEn });
  }
}

/** A department as other domains read it: its code and names. */
export interface DepartmentRecord {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** The department of that code, if there is one. */
export async function departmentByCode(code: string): Promise<DepartmentRecord | null> {
  return Department.findByPk(code);
}

/** Every department in the database (in the database's order). */
export async function allDepartments(): Promise<DepartmentRecord[]> {
  return Department.findAll();
}

/** The departments of those codes (unknown codes are left out). */
export async function departmentsByCodes(codes: string[]): Promise<DepartmentRecord[]> {
  return Department.findAll({ where: { code: { [Op.in]: codes } } });
}

/** The codes of every department in the database. */
export async function departmentCodes(transaction?: Transaction): Promise<Set<string>> {
  return new Set((await Department.findAll({ attributes: ['code'], transaction })).map((d) => d.code));
}
