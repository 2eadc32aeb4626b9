import type { Localized } from './locale.ts';

/**
 * 审计日志: every act the audit trail records (server/audit recordAudit takes only these), with its
 * name in both languages for the audit administrator's page (modeler/src/audit). A new act is added
 * here first: the server does not compile without it, so the page always has its name.
 */
export const AUDIT_ACTIONS = {
  'auth.login': { 'zh-CN': '登录', en: 'Signed in' },
  'auth.login_failed': { 'zh-CN': '登录失败', en: 'Sign-in failed' },
  'auth.login_refused': { 'zh-CN': '拒绝登录（账号锁定或密码过期）', en: 'Sign-in refused (locked or password expired)' },
  'auth.logout': { 'zh-CN': '退出登录', en: 'Signed out' },
  'auth.oidc_failed': { 'zh-CN': '统一身份认证登录失败', en: 'Unified identity sign-in failed' },
  'auth.identity_linked': { 'zh-CN': '关联统一身份认证账号', en: 'Unified identity linked' },
  'auth.unlocked': { 'zh-CN': '解除账号锁定', en: 'Account unlocked' },
  'auth.password_changed': { 'zh-CN': '修改密码', en: 'Password changed' },
  'auth.password_change_failed': { 'zh-CN': '修改密码失败', en: 'Password change failed' },
  'auth.second_factor_challenged': { 'zh-CN': '要求第二因素验证', en: 'Second factor asked for' },
  'auth.second_factor_failed': { 'zh-CN': '第二因素验证失败', en: 'Second factor failed' },
  'auth.second_factor_enrolment_required': { 'zh-CN': '须先设置第二因素', en: 'Second factor to be set up first' },
  'auth.second_factor_enrolment_begun': { 'zh-CN': '开始设置第二因素', en: 'Second factor set-up begun' },
  'auth.second_factor_enrolled': { 'zh-CN': '设置第二因素', en: 'Second factor set up' },
  'auth.second_factor_disabled': { 'zh-CN': '关闭第二因素', en: 'Second factor turned off' },
  'auth.second_factor_disable_failed': { 'zh-CN': '关闭第二因素失败', en: 'Second factor not turned off (failed)' },
  'auth.second_factor_disable_refused': { 'zh-CN': '拒绝关闭第二因素（角色要求）', en: 'Second factor not turned off (the role requires it)' },
  'auth.second_factor_reset': { 'zh-CN': '重置第二因素', en: 'Second factor reset' },
  'auth.recovery_codes_regenerated': { 'zh-CN': '重新生成恢复码', en: 'Recovery codes renewed' },
  'auth.recovery_codes_failed': { 'zh-CN': '重新生成恢复码失败', en: 'Recovery codes not renewed' },
  'account.created': { 'zh-CN': '创建账号', en: 'Account created' },
  'account.registered': { 'zh-CN': '注册账号', en: 'Account registered' },
  'account.imported': { 'zh-CN': '批量导入账号', en: 'Accounts imported' },
  'account.updated': { 'zh-CN': '修改账号（角色、部门、状态）', en: 'Account changed (roles, department, status)' },
  'account.password_reset': { 'zh-CN': '重置密码', en: 'Password reset' },
  'account.identity_bound': { 'zh-CN': '绑定统一身份认证账号', en: 'Unified identity bound' },
  'account.identity_unbound': { 'zh-CN': '解除统一身份认证绑定', en: 'Unified identity unbound' },
  'account.task_transferred': { 'zh-CN': '移交离岗人员的待办', en: 'Tasks of a departing person transferred' },
  'account.task_released': { 'zh-CN': '释放离岗人员的待办', en: 'Tasks of a departing person released' },
  'region.created': { 'zh-CN': '新建行政区划', en: 'Region created' },
  'region.changed': { 'zh-CN': '修改行政区划', en: 'Region changed' },
  'region_department.created': { 'zh-CN': '新建区划部门', en: 'Regional department created' },
  'region_department.changed': { 'zh-CN': '修改区划部门', en: 'Regional department changed' },
  'hall.created': { 'zh-CN': '新建政务服务大厅', en: 'Service hall created' },
  'hall.changed': { 'zh-CN': '修改政务服务大厅', en: 'Service hall changed' },
  'hall_window.created': { 'zh-CN': '新建大厅窗口', en: 'Hall window created' },
  'hall_window.changed': { 'zh-CN': '修改大厅窗口', en: 'Hall window changed' },
  'calendar.override_set': { 'zh-CN': '设置节假日/调休', en: 'Holiday or make-up day set' },
  'calendar.override_removed': { 'zh-CN': '删除节假日/调休', en: 'Holiday or make-up day removed' },
  'calendar.arrangement_imported': { 'zh-CN': '导入年度放假安排', en: 'Year’s holiday arrangement imported' },
  'calendar.arrangement_removed': { 'zh-CN': '删除年度放假安排', en: 'Year’s holiday arrangement removed' },
  'seal.managed': { 'zh-CN': '管理电子印章', en: 'Seal managed' },
  'e_license.revoked': { 'zh-CN': '注销电子证照', en: 'E-licence revoked' },
  'modeler.deployed': { 'zh-CN': '部署流程', en: 'Process deployed' },
  'modeler.deploy_refused': { 'zh-CN': '拒绝部署流程', en: 'Process deployment refused' },
  'modeler.decision_deployed': { 'zh-CN': '部署决策表', en: 'Decision table deployed' },
  'modeler.decision_deploy_refused': { 'zh-CN': '拒绝部署决策表', en: 'Decision table deployment refused' },
  'operations.instances_migrated': { 'zh-CN': '迁移运行中的办件到新版本流程', en: 'Running cases migrated to a new process version' },
  'operations.case_moved': { 'zh-CN': '将办件移至其他环节', en: 'Case moved to another step' },
  'operations.case_cancelled': { 'zh-CN': '撤销办件流程', en: 'Case’s process cancelled' },
  'operations.incident_retried': { 'zh-CN': '重试失败环节', en: 'Failed step retried' },
  'case.decided': { 'zh-CN': '审批决定', en: 'Decision on a case' },
  'case.instant_decided': { 'zh-CN': '秒批决定', en: 'Instant decision on a case' },
  'proactive.granted': { 'zh-CN': '免申即享：直接兑现', en: 'Proactive service: granted directly' },
  'proactive.accepted': { 'zh-CN': '免申即享：申请人确认', en: 'Proactive service: taken up' },
  'proactive.declined': { 'zh-CN': '免申即享：申请人放弃', en: 'Proactive service: declined' },
  'problem.raised': { 'zh-CN': '提出整改问题', en: 'Problem raised' },
  'problem.rectified': { 'zh-CN': '提交整改结果', en: 'Problem rectified' },
  'problem.closed': { 'zh-CN': '整改验收通过', en: 'Rectification accepted' },
  'problem.sent_back': { 'zh-CN': '整改退回', en: 'Rectification sent back' },
  'problem.escalated': { 'zh-CN': '整改超期升级', en: 'Problem escalated (overdue)' },
  'monitoring_rule.updated': { 'zh-CN': '修改监控预警规则', en: 'Monitoring rule changed' },
  'supervision.exported': { 'zh-CN': '导出监管数据', en: 'Supervision data exported' },
  'province.reconciled': { 'zh-CN': '与省平台对账', en: 'Reconciled with the province' },
  'province.dead_letters_resent': { 'zh-CN': '重新上报失败数据', en: 'Failed reports sent again' },
  'audit.verified': { 'zh-CN': '校验审计日志', en: 'Audit trail verified' },
  'audit.exported': { 'zh-CN': '导出审计日志', en: 'Audit trail exported' },
} as const satisfies Record<string, Localized>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

type DomainOf<A extends string> = A extends `${infer D}.${string}` ? `${D}.` : never;
export type AuditDomain = DomainOf<AuditAction>;

/** The domains of the actions (the part up to the dot), each named, in the order the page offers them. */
export const AUDIT_DOMAINS: Record<AuditDomain, Localized> = {
  'auth.': { 'zh-CN': '登录与身份验证', en: 'Sign-in and identity' },
  'account.': { 'zh-CN': '账号管理', en: 'Accounts' },
  'region.': { 'zh-CN': '行政区划', en: 'Regions' },
  'region_department.': { 'zh-CN': '区划部门', en: 'Regional departments' },
  'hall.': { 'zh-CN': '政务服务大厅', en: 'Service halls' },
  'hall_window.': { 'zh-CN': '大厅窗口', en: 'Hall windows' },
  'calendar.': { 'zh-CN': '工作日历', en: 'Working calendar' },
  'seal.': { 'zh-CN': '电子印章管理', en: 'Seal management' },
  'e_license.': { 'zh-CN': '电子证照管理', en: 'E-licence management' },
  'modeler.': { 'zh-CN': '流程部署', en: 'Deployments' },
  'operations.': { 'zh-CN': '运维操作', en: 'Operations' },
  'case.': { 'zh-CN': '办件决定', en: 'Decisions on cases' },
  'proactive.': { 'zh-CN': '免申即享', en: 'Proactive services' },
  'problem.': { 'zh-CN': '问题整改', en: 'Problems and rectification' },
  'monitoring_rule.': { 'zh-CN': '监控预警规则', en: 'Monitoring rules' },
  'supervision.': { 'zh-CN': '监管数据导出', en: 'Supervision exports' },
  'province.': { 'zh-CN': '省平台数据汇聚', en: 'Reporting to the province' },
  'audit.': { 'zh-CN': '审计操作', en: 'Audit actions' },
};

/** The domain of an action: its name up to and including the first dot. */
export const auditDomainOf = (action: AuditAction): AuditDomain => `${action.slice(0, action.indexOf('.'))}.` as AuditDomain;
