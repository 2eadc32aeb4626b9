import { hasRole, type Principal } from '../auth/index.ts';
import { AppError } from '../errors/app-error.ts';
import { isWithinRegion } from '../../contract/regions.ts';
import type { HelpRequest } from './online-help.model.ts';

/** The department whose window staff answer 线上帮办: the 政务服务中心 (its clerks are the 帮办员). */
export const HELP_DEPARTMENT = 'center';

/** A 帮办员: a clerk of the 政务服务中心. */
export const isHelper = (principal: Principal): boolean => hasRole(principal, 'clerk') && principal.departmentCode === HELP_DEPARTMENT;

/** Whether a helper's centre answers requests of that region: their region or one under it (the platform's centre: all). */
export const reaches = (principal: Pick<Principal, 'regionCode'>, regionCode: string | null): boolean =>
  !principal.regionCode || !regionCode || isWithinRegion(regionCode, principal.regionCode);

export function assertHelper(principal: Principal): void {
  if (!isHelper(principal)) throw new AppError(403, 'online_help_not_helper');
}

/**
 * Who may see a request: its applicant, and the helpers whose centre answers its region. Anyone else
 * (another applicant, staff of other departments) is told it does not exist.
 */
export function assertMayView(principal: Principal, request: HelpRequest): void {
  if (request.applicantId === principal.id) return;
  if (isHelper(principal) && reaches(principal, request.regionCode)) return;
  throw new AppError(404, 'online_help_not_found');
}

/** Acting as the applicant of the request (their form, consent, closing, rating). */
export function assertApplicant(principal: Principal, request: HelpRequest): void {
  if (request.applicantId !== principal.id) throw new AppError(404, 'online_help_not_found');
}

/** Acting as the request's helper: the one who joined it; another helper is told who did. */
export function assertOwnHelper(principal: Principal, request: HelpRequest): void {
  assertMayView(principal, request);
  if (!isHelper(principal)) throw new AppError(404, 'online_help_not_found');
  if (request.helperId === principal.id) return;
  if (request.helperId === null)
    throw new AppError(409, 'online_help_not_joined', [], {
      'zh-CN': '请先接入该帮办请求，再回复或代填',
      en: 'Join this request first, then reply or fill fields',
    });
  throw new AppError(403, 'online_help_other_helper', [], {
    'zh-CN': `该帮办请求由${request.helperName}负责，您不能代为回复或代填`,
    en: `${request.helperName} is helping with this request; you cannot reply or fill fields in it`,
  });
}

/** A closed request takes nothing more but its rating. */
export function assertOpen(request: HelpRequest): void {
  if (request.status === 'closed')
    throw new AppError(409, 'online_help_closed', [], {
      'zh-CN': `该帮办请求已于 ${shanghai(request.closedAt!)} 由${request.closedByName}结束，不能再操作；如仍需帮助，请重新发起`,
      en: `This request was closed by ${request.closedByName} at ${shanghai(request.closedAt!)}; nothing more can be done in it. Ask for help again if you still need it`,
    });
}

/** A moment as Beijing time, to the second: 2026-12-07 20:41:05. */
export const shanghai = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
