import { accountById, type Principal } from '../auth/index.ts';
import { fieldProblem, validationFailed } from '../errors/app-error.ts';
import { ONLINE_CHANNELS, type Channel } from '../../contract/channels.ts';
import { companyActing } from './applicant-identity.ts';
import type { Submission } from './submission-schema.ts';

/**
 * The agent a submission names, checked for its channel. 帮办代办: a clerk's assisted submission
 * must name the agent who came (the submission's schema checks every field, the relationship too,
 * as the window's page does before it sends), someone other than the applicant; 委托代理 online: a signed-in person applies for someone else (the
 * 委托人, named as the applicant) and is the agent themselves — their name and ID number are their
 * account's verified identity, whatever the page sent (the phone is the page's). At a window or a
 * kiosk nobody is named. Answers the agent to record (null: none).
 */
export async function agentOfSubmission(principal: Principal, submission: Submission, channel: Channel): Promise<Submission['agent'] | null> {
  const agent = submission.agent;
  if (channel === 'assisted') {
    if (!agent) throw validationFailed([fieldProblem('agent', '帮办代办人：帮办代办渠道须登记代办人', 'agent: an assisted submission must name its agent')]);
    if (agent.idNo.toUpperCase() === submission.applicant.idNo.toUpperCase()) {
      throw validationFailed([
        fieldProblem(
          'agent.idNo',
          '代办人身份证号码：代办人不能是申请人本人；申请人本人到场请按窗口受理提交',
          "agent's resident ID number: the agent cannot be the applicant; an applicant who came in person is taken as a window case",
        ),
      ]);
    }
    return agent;
  }
  if (!agent) return null;
  if (!ONLINE_CHANNELS.includes(channel)) {
    throw validationFailed([
      fieldProblem('agent', '帮办代办人：只有帮办代办或网上委托代理登记代办人', 'agent: only an assisted or an online submission names an agent'),
    ]);
  }
  if (await companyActing(principal)) {
    throw validationFailed([
      fieldProblem('agent', '代办人：企业账号以本企业名义申请，不能代他人申请', "agent: a company's account applies for its company, not for someone else"),
    ]);
  }
  const account = await accountById(principal.id);
  if (!account?.idNo) throw validationFailed([fieldProblem('agent', '代办人：您的账号未完成实名认证', 'agent: your account has no verified identity')]);
  if (submission.applicant.idType !== 'resident_id') {
    throw validationFailed([
      fieldProblem(
        'applicant.idType',
        '申请人：网上代他人申请仅限为个人办理；为企业办理请由法定代表人或经授权的经办人以企业身份登录',
        'applicant: online, you may apply for a person only; for a company, its legal representative or an authorised agent signs in as the company',
      ),
    ]);
  }
  if (submission.applicant.idNo === account.idNo) {
    throw validationFailed([
      fieldProblem(
        'applicant.idNo',
        '申请人：代他人申请时，申请人应为委托人，不能是您本人',
        'applicant: applying for someone else, the applicant is that person, not you',
      ),
    ]);
  }
  return { name: account.displayName, idNo: account.idNo, phone: agent.phone, ...(agent.relationship ? { relationship: agent.relationship } : {}) };
}
