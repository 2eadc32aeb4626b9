import { Op } from 'sequelize';
import type { EngineClient } from '../engine/client.ts';
import type { HistoricTask } from '../engine/types.ts';
import { conflict, notFound, type AppError } from '../errors/app-error.ts';
import { accountByUsername, accountsByIds, type Principal } from '../auth/index.ts';
import { canViewCase, casesByNumbers, casesByProcessInstances, timelineEntriesOfType, type CaseRecord, type TimelineType } from '../cases/index.ts';
import { shanghaiTime } from '../calendar/index.ts';
import type { Localized } from '../i18n/locale.ts';
import { Opinion } from './opinion.model.ts';
import { outcomeWords } from './task-races.ts';

/** What the timeline records when someone's action removed other people's open tasks. */
const CLOSING: TimelineType[] = ['task.taken_back', 'task.sent_back', 'task.signer_removed', 'case.moved', 'case.withdrawn', 'case.terminated'];

/** How far the app's clock (the timeline's, the opinions') may run ahead of the engine's (the task's end). */
const CLOCK_SKEW_MS = 5_000;

const NOT_DONE: Localized = { 'zh-CN': '，本次操作未执行', en: '; nothing was done' };

/** The case a historic task belonged to: its main instance's, else the one its instance's business key numbers (an item of a 一件事, a called acceptance). */
async function caseOfHistoric(engine: EngineClient, processInstanceId: string): Promise<CaseRecord | null> {
  const [byInstance] = await casesByProcessInstances([processInstanceId]);
  if (byInstance) return byInstance;
  const instance = await engine.historicProcessInstance(processInstanceId).catch(() => null);
  if (!instance?.businessKey) return null;
  const [byNumber] = await casesByNumbers([instance.businessKey]);
  return byNumber ?? null;
}

const displayNameOf = async (username: string): Promise<string> => (await accountByUsername(username))?.displayName ?? username;
const text = (detail: Record<string, unknown>, key: string): string => (typeof detail[key] === 'string' ? (detail[key] as string) : '');
const inParentheses = (reason: string, locale: 'zh-CN' | 'en'): string => (reason ? (locale === 'en' ? ` (${reason})` : `（${reason}）`) : '');

/** The task was completed: by the caller (another tab, a second click) or by someone else, with the opinion they gave. */
async function completed(principal: Principal, historic: HistoricTask, name: string): Promise<AppError> {
  const opinion = await Opinion.findOne({ where: { taskId: historic.id } });
  const at = shanghaiTime(opinion?.createdAt ?? new Date(historic.endTime!));
  const how = opinion ? outcomeWords(opinion.outcome) : null;
  const howZh = how ? `（${how['zh-CN']}）` : '';
  const howEn = how ? ` (${how.en})` : '';
  const mine = opinion ? opinion.userId === principal.id : historic.assignee === principal.username;
  if (mine)
    return conflict('task_already_completed', {
      'zh-CN': `您已于 ${at} 办理“${name}”${howZh}${NOT_DONE['zh-CN']}`,
      en: `You completed "${name}" at ${at}${howEn}${NOT_DONE.en}`,
    });
  const who = opinion ? ((await accountsByIds([opinion.userId]))[0]?.displayName ?? String(opinion.userId)) : await displayNameOf(historic.assignee ?? '');
  return conflict('task_already_completed', {
    'zh-CN': `“${name}”已由${who}于 ${at} 办理${howZh}${NOT_DONE['zh-CN']}`,
    en: `${who} completed "${name}" at ${at}${howEn}${NOT_DONE.en}`,
  });
}

/** One thing that may have removed the task, with when it happened and how to say it. */
interface Cause {
  at: Date;
  say: () => Promise<AppError>;
}

/**
 * What removed an open task without its completion: someone's 收回, 退回 or 减签, an operator's move
 * or cancellation, the applicant's 撤回, or another reviewer's decision ending the step (或签's
 * approval, 会签's rejection: the engine ends the step in a job after the decision). The latest of
 * them at the task's end is the one.
 */
async function causes(historic: HistoricTask, name: string, c: CaseRecord): Promise<Cause[]> {
  const caseIds = [c.id, ...(c.parentCaseId ? [c.parentCaseId] : [])];
  const entries = (await Promise.all(caseIds.map((id) => timelineEntriesOfType(id, CLOSING)))).flat();
  const found: Cause[] = entries.map((e) => ({
    at: e.createdAt,
    say: async () => {
      const at = shanghaiTime(e.createdAt);
      const who = await displayNameOf(e.actor);
      const detail = e.detail ?? {};
      const reasonZh = inParentheses(text(detail, 'reason'), 'zh-CN');
      const reasonEn = inParentheses(text(detail, 'reason'), 'en');
      const closedZh = `，“${name}”已撤销${NOT_DONE['zh-CN']}`;
      const closedEn = `; "${name}" was withdrawn${NOT_DONE.en}`;
      const said: Record<string, Localized> = {
        'task.taken_back': {
          'zh-CN': `${who}已于 ${at} 收回其办理的“${text(detail, 'task')}”${reasonZh}${closedZh}`,
          en: `${who} took back their step "${text(detail, 'task')}" at ${at}${reasonEn}${closedEn}`,
        },
        'task.sent_back': {
          'zh-CN': `${who}已于 ${at} 将办件退回至“${text(detail, 'toName') || text(detail, 'to')}”${reasonZh}${closedZh}`,
          en: `${who} sent the case back to "${text(detail, 'toName') || text(detail, 'to')}" at ${at}${reasonEn}${closedEn}`,
        },
        'task.signer_removed': {
          'zh-CN': `${who}已于 ${at} 将${text(detail, 'removed')}移出会签${reasonZh}${closedZh}`,
          en: `${who} removed ${text(detail, 'removed')} from the review at ${at}${reasonEn}${closedEn}`,
        },
        'case.moved': {
          'zh-CN': `${who}已于 ${at} 将办件调整至其他环节${reasonZh}${closedZh}`,
          en: `${who} moved the case to another step at ${at}${reasonEn}${closedEn}`,
        },
        'case.withdrawn': {
          'zh-CN': `申请人已于 ${at} 撤回申请${reasonZh}${closedZh}`,
          en: `The applicant withdrew the application at ${at}${reasonEn}${closedEn}`,
        },
        'case.terminated': {
          'zh-CN': `${who}已于 ${at} 终止办理该办件${reasonZh}${closedZh}`,
          en: `${who} terminated the case at ${at}${reasonEn}${closedEn}`,
        },
      };
      return conflict('task_closed', said[e.type]);
    },
  }));
  // the decision that ended a multi-instance step: another person's opinion on the step, taken while the task was open
  const decisions = await Opinion.findAll({
    where: { caseId: c.id, activityId: historic.taskDefinitionKey, taskId: { [Op.ne]: historic.id }, decisiveKey: { [Op.ne]: null } },
  });
  for (const d of decisions) {
    found.push({
      at: d.createdAt,
      say: async () => {
        const who = (await accountsByIds([d.userId]))[0]?.displayName ?? String(d.userId);
        const how = outcomeWords(d.outcome);
        const at = shanghaiTime(d.createdAt);
        return conflict('task_already_completed', {
          'zh-CN': `${who}已于 ${at} 办理“${name}”（${how['zh-CN']}），该环节随之结束，您的任务已关闭${NOT_DONE['zh-CN']}`,
          en: `${who} decided "${name}" at ${at} (${how.en}), which ended the step and closed your task${NOT_DONE.en}`,
        });
      },
    });
  }
  const start = Date.parse(historic.startTime) - CLOCK_SKEW_MS;
  const end = Date.parse(historic.endTime!) + CLOCK_SKEW_MS;
  return found.filter((f) => f.at.getTime() >= start && f.at.getTime() <= end).sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * A task id the engine has no open task for. One it never had is not found (404). One that closed
 * is a 409 saying who did what and when (completed, by the caller or someone else; taken back, sent
 * back, moved or cancelled; its step ended by another reviewer's decision), told to the people who
 * may see its case and to the person who held it; anyone else is told it does not exist, as for an
 * open task (ids leak nothing across departments).
 */
export async function closedTask(engine: EngineClient, principal: Principal, taskId: string): Promise<AppError> {
  const historic = await engine.historicTask(taskId);
  if (!historic?.endTime) return notFound('task_not_found');
  const c = await caseOfHistoric(engine, historic.processInstanceId);
  if (!c || !(historic.assignee === principal.username || canViewCase(principal, c))) return notFound('task_not_found');
  const name = historic.name ?? historic.taskDefinitionKey;
  if (historic.deleteReason === 'completed') return completed(principal, historic, name);
  const cause = (await causes(historic, name, c)).at(-1);
  if (cause) return cause.say();
  const at = shanghaiTime(new Date(historic.endTime));
  return conflict('task_closed', {
    'zh-CN': `“${name}”已于 ${at} 结束，不能再办理${NOT_DONE['zh-CN']}`,
    en: `"${name}" closed at ${at} and can no longer be acted on${NOT_DONE.en}`,
  });
}
