import { User } from './user.model.ts';
import type { Role } from './user.model.ts';
import { hashPassword } from './passwords.ts';

/** The embedded default's demo accounts (password "demo"); production seeds none. */
export const DEMO_ACCOUNTS: { username: string; displayName: string; roles: Role[]; departmentCode: string | null; idNo?: string; phone?: string }[] = [
  { username: 'analyst', displayName: '流程分析员', roles: ['analyst'], departmentCode: 'data' },
  { username: 'clerk', displayName: '综合窗口受理员', roles: ['clerk'], departmentCode: 'center' },
  { username: 'reviewer', displayName: '市场监管局审核员', roles: ['reviewer'], departmentCode: 'samr' },
  { username: 'leader', displayName: '市场监管局科长', roles: ['leader'], departmentCode: 'samr' },
  { username: 'reviewer4', displayName: '市场监管局审核员（二）', roles: ['reviewer'], departmentCode: 'samr' },
  { username: 'reviewer2', displayName: '消防支队审核员', roles: ['reviewer'], departmentCode: 'fire' },
  { username: 'reviewer5', displayName: '消防支队监督员（二）', roles: ['reviewer'], departmentCode: 'fire' },
  { username: 'leader2', displayName: '消防支队科长', roles: ['leader'], departmentCode: 'fire' },
  { username: 'reviewer3', displayName: '城管局审核员', roles: ['reviewer'], departmentCode: 'urban' },
  { username: 'leader3', displayName: '城管局科长', roles: ['leader'], departmentCode: 'urban' },
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], departmentCode: 'data' },
  { username: 'auditor', displayName: '审计管理员', roles: ['auditor'], departmentCode: 'data' },
  { username: 'applicant', displayName: '张三', roles: ['applicant'], departmentCode: null, idNo: '430102199003071234', phone: '13800138000' },
];

export const DEMO_PASSWORD = 'demo';

export async function seedDemoAccounts(): Promise<void> {
  let passwordHash: string | undefined;
  for (const account of DEMO_ACCOUNTS) {
    if (await User.findOne({ where: { username: account.username } })) continue;
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    await User.create({ ...account, idNo: account.idNo ?? null, phone: account.phone ?? null, passwordHash });
  }
}
