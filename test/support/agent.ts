import { User } from '../../server/auth/user.model.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { DEMO_PASSWORD } from '../../server/auth/demo-accounts.ts';
import { tokenOf } from './api.ts';

/** 李四's own ID number (a valid one), and as his pages show it. */
export const AGENT_ID = '430102198505050017';
export const AGENT_ID_MASKED = '4301**********0017';

/** 李四, an applicant with a verified identity of his own, who applies for others (委托代理). */
export async function agentApplicant(): Promise<string> {
  const username = 'applicant-lisi';
  if (!(await User.findOne({ where: { username } }))) {
    await User.create({
      username,
      displayName: '李四',
      roles: ['applicant'],
      departmentCode: null,
      idNo: AGENT_ID,
      phone: '13912340017',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
  }
  await tokenOf(username);
  return username;
}
