import type { Localized } from '../i18n/locale.ts';

/** Every error code the API can answer with, and what it says to a person. */
export const ERROR_MESSAGES = {
  validation_failed: { 'zh-CN': '提交的内容有误，请按提示修改', en: 'The request has errors; please correct them' },
  bad_request: { 'zh-CN': '请求格式不正确', en: 'The request is malformed' },
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please log in first' },
  invalid_credentials: { 'zh-CN': '用户名或密码错误', en: 'Wrong user name or password' },
  token_invalid: { 'zh-CN': '登录已失效，请重新登录', en: 'Your session has expired; please log in again' },
  forbidden: { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  not_found: { 'zh-CN': '请求的资源不存在', en: 'Not found' },
  route_not_found: { 'zh-CN': '接口不存在', en: 'No such endpoint' },
  item_not_found: { 'zh-CN': '事项不存在', en: 'No such service item' },
  bundle_not_found: { 'zh-CN': '一件事不存在', en: 'No such bundle' },
  case_not_found: { 'zh-CN': '办件不存在', en: 'No such case' },
  task_not_found: { 'zh-CN': '待办任务不存在或已办理', en: 'No such open task' },
  attachment_not_found: { 'zh-CN': '附件不存在', en: 'No such attachment' },
  task_claimed_by_other: { 'zh-CN': '该任务已被他人签收', en: 'Someone else has claimed this task' },
  task_not_claimed: { 'zh-CN': '请先签收该任务', en: 'Claim the task first' },
  task_already_completed: { 'zh-CN': '该任务已办理', en: 'This task has already been completed' },
  case_not_awaiting_correction: { 'zh-CN': '该办件不在补正阶段，不能补正提交', en: 'This case is not waiting for a correction' },
  task_delegated: { 'zh-CN': '该任务已委派，须由受托人办理后交还，再由委派人办结', en: 'This task is delegated: the delegate hands it back, then its owner completes it' },
  task_not_delegated: { 'zh-CN': '该任务不是委派给您的任务', en: 'This task was not delegated to you' },
  case_not_withdrawable: { 'zh-CN': '办件已受理或已办结，不能撤回', en: 'The case was accepted or closed already and cannot be withdrawn' },
  nothing_to_take_back: { 'zh-CN': '没有可撤回的步骤：您最近办理的步骤之后已有人签收或已办结', en: 'Nothing to take back: the next step was claimed or the case moved on' },
  nothing_to_urge: { 'zh-CN': '该办件当前没有待办任务，无需催办', en: 'The case has no open task to urge' },
  case_not_awaiting_materials: { 'zh-CN': '该办件没有待补交的容缺材料', en: 'This case is not waiting for deferred materials' },
  file_missing: { 'zh-CN': '请选择要上传的文件', en: 'Choose a file to upload' },
  file_too_large: { 'zh-CN': '文件超过大小限制', en: 'The file is too large' },
  file_type_not_allowed: { 'zh-CN': '文件类型不允许', en: 'This file type is not allowed' },
  file_type_mismatch: { 'zh-CN': '文件内容与扩展名不符', en: 'The file content does not match its extension' },
  duplicate_submission: { 'zh-CN': '该申请已提交，请勿重复提交', en: 'This application was already submitted' },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; please try again later' },
  engine_unavailable: { 'zh-CN': '流程引擎暂不可用，请稍后再试，本次提交未保存', en: 'The process engine is unavailable; nothing was saved, please try again later' },
  engine_error: { 'zh-CN': '流程引擎未能完成该操作，请稍后再试', en: 'The process engine could not complete this operation; please try again later' },
  internal_error: { 'zh-CN': '系统内部错误，请稍后再试', en: 'Internal error; please try again later' },
} satisfies Record<string, Localized>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
