import { User } from './user.model.ts';
import type { Role } from './user.model.ts';
import { hashPassword } from './passwords.ts';
import { SecondFactors } from './second-factor.service.ts';
import { base32Decode } from './totp.ts';
import { placeStaffWithoutRegion } from './staff-regions.ts';

/** The embedded default's demo accounts (password "demo"); production seeds none. */
/** The demo staff work in the city (the root region) unless a region is named. */
export const DEMO_ACCOUNTS: {
  username: string;
  displayName: string;
  roles: Role[];
  departmentCode: string | null;
  regionCode?: string;
  idNo?: string;
  phone?: string;
}[] = [
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
  // the departments of 新生儿出生 and 企业注销登记: each item's 审核 and 签发 has someone to take it
  { username: 'reviewer-health', displayName: '卫健委审核员', roles: ['reviewer'], departmentCode: 'health' },
  { username: 'leader-health', displayName: '卫健委科长', roles: ['leader'], departmentCode: 'health' },
  { username: 'reviewer-police', displayName: '公安局户政审核员', roles: ['reviewer'], departmentCode: 'police' },
  { username: 'leader-police', displayName: '公安局户政科长', roles: ['leader'], departmentCode: 'police' },
  { username: 'reviewer-hrss', displayName: '人社局审核员', roles: ['reviewer'], departmentCode: 'hrss' },
  { username: 'leader-hrss', displayName: '人社局科长', roles: ['leader'], departmentCode: 'hrss' },
  { username: 'reviewer-medical', displayName: '医保局审核员', roles: ['reviewer'], departmentCode: 'medical' },
  { username: 'leader-medical', displayName: '医保局科长', roles: ['leader'], departmentCode: 'medical' },
  { username: 'reviewer-tax', displayName: '税务局审核员', roles: ['reviewer'], departmentCode: 'tax' },
  { username: 'leader-tax', displayName: '税务局科长', roles: ['leader'], departmentCode: 'tax' },
  // 高龄津贴 (免申即享 at 80)
  { username: 'reviewer-civil', displayName: '民政局审核员', roles: ['reviewer'], departmentCode: 'civil' },
  { username: 'leader-civil', displayName: '民政局科长', roles: ['leader'], departmentCode: 'civil' },
  // 四级: 岳麓区's 市场监管局 and its 政务服务中心, and the 便民服务站 of a community of 岳麓街道 (server/organization/demo-organization.ts)
  { username: 'reviewer-yuelu', displayName: '岳麓区市场监管局审核员', roles: ['reviewer'], departmentCode: 'samr', regionCode: '430104' },
  { username: 'leader-yuelu', displayName: '岳麓区市场监管局科长', roles: ['leader'], departmentCode: 'samr', regionCode: '430104' },
  { username: 'clerk-yuelu', displayName: '岳麓区政务服务中心窗口', roles: ['clerk'], departmentCode: 'center', regionCode: '430104' },
  { username: 'clerk-station', displayName: '桃花岭社区便民服务站代办员', roles: ['clerk'], departmentCode: 'center', regionCode: '430104003001' },
  // 数据局: the leader who supervises every department's services (监管指标 of the whole city)
  { username: 'supervisor', displayName: '数据资源管理局监管科长', roles: ['leader'], departmentCode: 'data' },
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], departmentCode: 'data' },
  { username: 'security', displayName: '安全管理员', roles: ['security_admin'], departmentCode: 'data' },
  { username: 'auditor', displayName: '审计管理员', roles: ['auditor'], departmentCode: 'data' },
  { username: 'applicant', displayName: '张三', roles: ['applicant'], departmentCode: null, idNo: '430102199003071234', phone: '13800138000' },
];

export const DEMO_PASSWORD = 'demo';

/**
 * The demo accounts whose role requires a second factor by default (administrators, analysts, and
 * the leaders, whom the demo seals name) sign in with TOTP under this one known secret: RFC 6238's
 * own test key "12345678901234567890", in base32 as an authenticator app takes it (README). Only
 * the embedded default (and the tests) seed it; production seeds no account.
 */
export const DEMO_TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const DEMO_SECOND_FACTOR_ROLES: Role[] = ['admin', 'security_admin', 'analyst', 'leader'];

/**
 * Creates the demo accounts that are missing; with the second factor's key, gives the demo accounts
 * of DEMO_SECOND_FACTOR_ROLES the demo TOTP secret when they have no second factor (also accounts
 * made before there was one).
 */
export async function seedDemoAccounts(secondFactorKey?: string): Promise<void> {
  let passwordHash: string | undefined;
  const secondFactors = secondFactorKey ? new SecondFactors(User.sequelize!, secondFactorKey, { secondFactorRequired: [], secondFactorIssuer: '' }) : null;
  for (const account of DEMO_ACCOUNTS) {
    let user = await User.findOne({ where: { username: account.username } });
    if (!user) {
      passwordHash ??= await hashPassword(DEMO_PASSWORD);
      user = await User.create({ ...account, regionCode: account.regionCode ?? null, idNo: account.idNo ?? null, phone: account.phone ?? null, passwordHash });
    }
    if (secondFactors && account.roles.some((r) => DEMO_SECOND_FACTOR_ROLES.includes(r)))
      await secondFactors.enrolKnown(user.id, base32Decode(DEMO_TOTP_SECRET)!);
  }
  await placeStaffWithoutRegion();
}
