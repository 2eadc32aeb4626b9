import type { Localized } from '../i18n/locale.ts';

/** Every error code the API can answer with, and what it says to a person. */
export const ERROR_MESSAGES = {
  validation_failed: { 'zh-CN': '提交的内容有误，请按提示修改', en: 'The request has errors; please correct them' },
  bad_request: { 'zh-CN': '请求格式不正确', en: 'The request is malformed' },
  personal_data_in_url: { 'zh-CN': '证件号码等个人信息不能放在网址中', en: 'Personal data such as an ID number does not belong in a URL' },
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please log in first' },
  invalid_credentials: { 'zh-CN': '用户名或密码错误', en: 'Wrong user name or password' },
  token_invalid: { 'zh-CN': '登录已失效，请重新登录', en: 'Your session has expired; please log in again' },
  session_idle: { 'zh-CN': '长时间未操作，登录已结束，请重新登录', en: 'You were away too long and have been signed out; please sign in again' },
  /** said with the time the lock ends (server/auth/auth.controller.ts): the catalogue's words are the fallback */
  account_locked: {
    'zh-CN': '登录失败次数过多，账号已暂时锁定，请稍后再试',
    en: 'Too many failed sign-ins: the account is locked for a while; try again later',
  },
  password_expired: { 'zh-CN': '密码已过期，请设置新密码后登录', en: 'Your password has expired; set a new one to sign in' },
  password_policy: { 'zh-CN': '新密码不符合密码规则', en: 'The new password does not meet the password rules' },
  current_password_wrong: { 'zh-CN': '当前密码不正确', en: 'The current password is not correct' },
  user_not_found: { 'zh-CN': '用户不存在', en: 'No such user' },
  username_taken: { 'zh-CN': '该用户名已被使用', en: 'That user name is taken' },
  last_administrator: {
    'zh-CN': '这是最后一个在用的该类管理员账号，不能停用或撤销其角色：请先为另一人授予该角色',
    en: 'This is the last active account with that administrator role: give the role to someone else first',
  },
  own_account: {
    'zh-CN': '不能更改自己的角色、部门或启用状态，请由另一位管理员操作',
    en: 'You cannot change your own roles, department or whether you are active: ask another administrator',
  },
  // 双因素认证 (server/auth/second-factor*.ts)
  second_factor_invalid: { 'zh-CN': '动态验证码或恢复码不正确，或已使用过', en: 'The code or recovery code is wrong or has already been used' },
  challenge_invalid: {
    'zh-CN': '登录验证已失效（超过 5 分钟或已使用），请重新输入用户名和密码',
    en: 'This sign-in step has expired (after 5 minutes, or used); enter your user name and password again',
  },
  second_factor_code_wrong: { 'zh-CN': '动态验证码不正确', en: 'The code is not correct' },
  second_factor_enrolled: {
    'zh-CN': '已启用双因素认证；如需更换，请先停用或请管理员重置',
    en: 'A second factor is already set up; turn it off or ask an administrator to reset it first',
  },
  second_factor_not_enrolled: { 'zh-CN': '尚未启用双因素认证', en: 'No second factor is set up' },
  second_factor_no_enrolment: { 'zh-CN': '请先开始绑定身份验证器', en: 'Start setting up the authenticator first' },
  second_factor_mandatory: {
    'zh-CN': '您的岗位必须使用双因素认证，不能停用；更换手机请请管理员重置',
    en: 'Your role requires a second factor: it cannot be turned off; for a new phone ask an administrator to reset it',
  },
  second_factor_self_reset: {
    'zh-CN': '不能重置自己的双因素认证，请由另一位管理员操作',
    en: 'You cannot reset your own second factor; another administrator does it',
  },
  // 统一身份认证 (server/auth/oidc*.ts)
  oidc_not_configured: {
    'zh-CN': '本平台未启用统一身份认证登录，请使用账号密码登录',
    en: 'Unified identity sign-in is not enabled here; sign in with your user name and password',
  },
  oidc_transaction_invalid: {
    'zh-CN': '统一身份认证登录已过期，或不是在本浏览器中发起的，请重新登录',
    en: 'This unified identity sign-in has expired or was not started in this browser; please sign in again',
  },
  oidc_sign_in_failed: {
    'zh-CN': '统一身份认证未能完成（授权码无效、已使用或已过期），请重新登录',
    en: 'The unified identity sign-in could not be completed (the code is invalid, used or expired); please sign in again',
  },
  identity_provider_unavailable: {
    'zh-CN': '统一身份认证平台暂不可用，请稍后再试，工作人员也可使用账号密码登录',
    en: 'The unified identity provider is unavailable; try again later (staff may sign in with their password)',
  },
  identity_claims_invalid: {
    'zh-CN': '统一身份认证平台返回的身份信息不完整或无效，未登录',
    en: 'The identity provider sent incomplete or invalid identity data; you are not signed in',
  },
  oidc_kind_mismatch: {
    'zh-CN': '登录的身份类型与所选不符（个人 / 企业），请重新选择后登录',
    en: 'The identity signed in is not of the kind chosen (person / company); choose again and sign in',
  },
  authorization_not_in_force: {
    'zh-CN': '您代表该企业办事的授权书不在有效期内，不能以经办人身份登录，请联系企业更新授权',
    en: 'Your authorisation to act for this company is not in force; ask the company to renew it',
  },
  account_inactive: { 'zh-CN': '该账号已停用，请联系管理员', en: 'This account has been deactivated; contact an administrator' },
  holds_open_tasks: {
    'zh-CN': '此人还持有已签收的待办任务：请先将这些任务转给同岗位的同事或退回岗位，再调整其部门、区划、角色或停用账号',
    en: 'This person still holds claimed tasks: hand them to a colleague of the same role or back to the group before changing their department, region or roles or deactivating them',
  },
  staff_import_invalid: {
    'zh-CN': '导入文件中有错误的行，未创建任何账号：请按各行的问题修改后重新导入',
    en: 'Some rows of the file are wrong and no account was made: correct the rows as listed and import again',
  },
  staff_import_unreadable: {
    'zh-CN': '无法读取导入文件：须为 UTF-8 编码的 CSV 文件，第一行为列名',
    en: 'The file cannot be read: it must be a UTF-8 CSV file with the column names in its first row',
  },
  identity_taken: {
    'zh-CN': '该身份证号码已绑定到另一个账号',
    en: 'That ID number is already bound to another account',
  },
  identity_not_staff: {
    'zh-CN': '只能为工作人员账号绑定统一身份认证；申请人账号的身份由实名核验或统一身份认证确定',
    en: 'Only staff accounts are bound by an administrator; an applicant’s identity comes from the real-name check or the unified sign-in',
  },
  // 申请人注册 (server/auth/registration*.ts)
  registration_unavailable: {
    'zh-CN': '暂未开放在线注册（未配置短信或实名核验服务）',
    en: 'Online registration is not available (no SMS or real-name check service is configured)',
  },
  sms_unavailable: { 'zh-CN': '短信服务暂不可用，验证码未发送，请稍后再试', en: 'The SMS service is unavailable; no code was sent, please try again later' },
  real_name_check_unavailable: {
    'zh-CN': '实名核验服务暂不可用，账号未创建，请稍后再试',
    en: 'The real-name check is unavailable; no account was created, please try again later',
  },
  phone_code_rate_limited: { 'zh-CN': '验证码发送过于频繁，请稍后再试', en: 'Codes were sent too often; please try again later' },
  phone_code_invalid: { 'zh-CN': '短信验证码不正确', en: 'The SMS code is not correct' },
  phone_code_expired: {
    'zh-CN': '短信验证码已过期、已使用或错误次数过多，请重新获取',
    en: 'The SMS code has expired, was used, or was mistyped too often; ask for a new one',
  },
  phone_verification_invalid: {
    'zh-CN': '手机号验证已过期或已使用，请重新验证手机号',
    en: 'The phone verification has expired or was used; verify the phone again',
  },
  phone_taken: { 'zh-CN': '该手机号已注册，请直接登录', en: 'This phone number is already registered; sign in instead' },
  id_no_taken: { 'zh-CN': '该身份证号码已有账号，请直接登录', en: 'This ID number already has an account; sign in instead' },
  real_name_mismatch: {
    'zh-CN': '实名核验未通过：姓名与身份证号码不一致',
    en: 'The real-name check failed: the name and the ID number do not belong together',
  },
  forbidden: { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  not_found: { 'zh-CN': '请求的资源不存在', en: 'Not found' },
  route_not_found: { 'zh-CN': '接口不存在', en: 'No such endpoint' },
  item_not_found: { 'zh-CN': '事项不存在', en: 'No such service item' },
  bundle_not_found: { 'zh-CN': '一件事不存在', en: 'No such bundle' },
  process_not_deployed: { 'zh-CN': '该事项的办理流程尚未部署', en: "The item's process is not deployed yet" },
  case_not_found: { 'zh-CN': '办件不存在', en: 'No such case' },
  /** said with the person, the company and the authorisation (server/cases/applicant-identity.ts) */
  authorization_insufficient: { 'zh-CN': '您的企业授权不含办理申请或已失效', en: "Your company's authorisation does not cover this or is no longer in force" },
  // 组织机构 (server/organization)
  region_not_found: { 'zh-CN': '区划不存在', en: 'No such region' },
  region_exists: { 'zh-CN': '该区划代码已存在', en: 'A region of that code exists' },
  region_has_active_children: { 'zh-CN': '该区划下还有在用的下级区划，请先停用下级区划', en: 'Regions under it are in use: take them out of use first' },
  region_is_root: { 'zh-CN': '本平台所在的区划不能停用', en: "The platform's own region cannot be taken out of use" },
  region_department_not_found: { 'zh-CN': '部门不存在', en: 'No such department' },
  region_department_exists: { 'zh-CN': '该区划已有此类部门', en: 'The region has a department of that kind' },
  hall_not_found: { 'zh-CN': '服务大厅不存在', en: 'No such service hall' },
  window_not_found: { 'zh-CN': '窗口不存在', en: 'No such window' },
  window_number_taken: { 'zh-CN': '该大厅已有此窗口号', en: 'The hall has a window of that number' },
  // 排队叫号 (server/queue): the conflicts say which ticket, window and clerk
  ticket_not_found: { 'zh-CN': '排队号不存在', en: 'No such queue ticket' },
  queue_empty: { 'zh-CN': '当前没有您的窗口可办理的排队号', en: 'No ticket your window may serve is waiting' },
  window_busy: { 'zh-CN': '本窗口正在办理一个排队号，请先办结或标记未到', en: 'Your window is serving a ticket: finish it or mark it a no-show first' },
  ticket_state: { 'zh-CN': '排队号当前状态不允许此操作', en: 'The ticket is not in a state for this' },
  window_not_yours: { 'zh-CN': '您不能在该窗口叫号（窗口不在您所属区划的大厅）', en: 'You cannot call at that window (its hall is outside your region)' },
  visit_rated: { 'zh-CN': '本次办事已评价', en: 'This visit has been rated already' },
  // 在线预约 (server/appointments): the conflicts say which booking, slot or time
  appointment_not_found: { 'zh-CN': '预约不存在，请核对预约码', en: 'No such booking: check the code' },
  slot_full: { 'zh-CN': '该时段已约满，请选择其他时段', en: 'That slot is fully booked: choose another' },
  booking_duplicate: { 'zh-CN': '您当天已预约该事项', en: 'You have booked this on that day already' },
  booking_banned: { 'zh-CN': '因多次预约未到，暂不能预约', en: 'Booking is refused for a while after several no-shows' },
  booking_state: { 'zh-CN': '预约当前状态不允许此操作', en: 'The booking is not in a state for this' },
  check_in_time: { 'zh-CN': '不在签到时间内', en: 'Not within the check-in time' },
  check_in_other_hall: { 'zh-CN': '该预约不是本大厅的', en: 'The booking is for another hall' },
  /** the public lookup says the same for an unknown number and a wrong phone: numbers cannot be probed */
  case_lookup_failed: { 'zh-CN': '办件编号或手机号不正确', en: 'The case number or the phone number is not correct' },
  task_not_found: { 'zh-CN': '待办任务不存在', en: 'No such task' },
  attachment_not_found: { 'zh-CN': '附件不存在', en: 'No such attachment' },
  /** another person's notification is not found either: nobody learns whose ids exist */
  notification_not_found: { 'zh-CN': '消息通知不存在', en: 'No such notification' },
  task_claimed_by_other: { 'zh-CN': '该任务已被他人签收', en: 'Someone else has claimed this task' },
  task_not_claimed: { 'zh-CN': '请先签收该任务', en: 'Claim the task first' },
  task_already_completed: { 'zh-CN': '该任务已办理', en: 'This task has already been completed' },
  /** the task was removed without being completed (收回, 退回, 减签, an operator's move or cancellation, 撤回): the message says by whom and when */
  task_closed: { 'zh-CN': '该任务已撤销，不能再办理', en: 'This task was withdrawn and can no longer be acted on' },
  task_busy: { 'zh-CN': '该环节正被他人同时办理，请稍后再提交', en: 'Someone is completing this step at the same moment; submit again in a moment' },
  case_not_awaiting_correction: { 'zh-CN': '该办件不在补正阶段，不能补正提交', en: 'This case is not waiting for a correction' },
  task_delegated: {
    'zh-CN': '该任务已委派，须由受托人办理后交还，再由委派人办结',
    en: 'This task is delegated: the delegate hands it back, then its owner completes it',
  },
  task_not_delegated: { 'zh-CN': '该任务不是委派给您的任务', en: 'This task was not delegated to you' },
  case_not_withdrawable: { 'zh-CN': '办件已受理或已办结，不能撤回', en: 'The case was accepted or closed already and cannot be withdrawn' },
  nothing_to_take_back: {
    'zh-CN': '没有可撤回的步骤：您最近办理的步骤之后已有人签收或已办结',
    en: 'Nothing to take back: the next step was claimed or the case moved on',
  },
  case_suspended: { 'zh-CN': '办件处于特别程序中，计时已暂停；恢复后方可办理', en: 'The case is suspended (special procedure); resume it first' },
  case_not_suspended: { 'zh-CN': '办件不在特别程序中', en: 'The case is not suspended' },
  last_signer: { 'zh-CN': '会签至少须保留一名办理人', en: 'A multi-person review keeps at least one reviewer' },
  nothing_to_urge: { 'zh-CN': '该办件当前没有待办任务，无需催办', en: 'The case has no open task to urge' },
  case_not_awaiting_materials: { 'zh-CN': '该办件没有待补交的容缺材料', en: 'This case is not waiting for deferred materials' },
  file_missing: { 'zh-CN': '请选择要上传的文件', en: 'Choose a file to upload' },
  file_too_large: { 'zh-CN': '文件超过大小限制', en: 'The file is too large' },
  file_type_not_allowed: { 'zh-CN': '文件类型不允许', en: 'This file type is not allowed' },
  file_type_mismatch: { 'zh-CN': '文件内容与扩展名不符', en: 'The file content does not match its extension' },
  // 智能识别填单 (server/recognition)
  image_unreadable: {
    'zh-CN': '无法读取该图片：请上传手机拍摄或扫描的 JPG 或 PNG 图片',
    en: 'The image cannot be read: upload a JPG or PNG photo or scan',
  },
  recognition_busy: {
    'zh-CN': '识别服务正忙（同时识别的图片过多），请稍后再试，未保存任何内容',
    en: 'Recognition is busy (too many images at once); try again shortly. Nothing was kept',
  },
  recognition_unavailable: {
    'zh-CN': '识别服务暂不可用，请手工填写，未保存任何内容',
    en: 'Recognition is unavailable; please fill in the form by hand. Nothing was kept',
  },
  duplicate_submission: { 'zh-CN': '该申请已提交，请勿重复提交', en: 'This application was already submitted' },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; please try again later' },
  engine_unavailable: {
    'zh-CN': '流程引擎暂不可用，请稍后再试，本次提交未保存',
    en: 'The process engine is unavailable; nothing was saved, please try again later',
  },
  engine_error: { 'zh-CN': '流程引擎未能完成该操作，请稍后再试', en: 'The process engine could not complete this operation; please try again later' },
  delivery_started: { 'zh-CN': '送达已开始，不能再更改送达方式', en: 'Delivery has started; the method can no longer be changed' },
  delivery_by_bundle: { 'zh-CN': '一件事统一出件：请在一件事的办件上办理送达', en: 'A bundle delivers all its results together: use the bundle case' },
  delivery_not_possible: { 'zh-CN': '该办件已终结，没有需要送达的办理结果', en: 'The case is closed without results to deliver' },
  delivery_not_at_window: { 'zh-CN': '该办件的办理结果不在窗口待领取', en: 'The results of this case are not waiting at the window' },
  delivery_already_handed_over: { 'zh-CN': '办理结果已送达或已领取', en: 'The results have already been delivered or handed over' },
  delivery_not_awaited: { 'zh-CN': '流程尚未进入待送达环节，请稍后再试', en: 'The case is not waiting for delivery yet; please try again shortly' },
  document_not_found: { 'zh-CN': '文书不存在', en: 'No such document' },
  sm2_signature_absent: {
    'zh-CN': '该文书没有SM2签名：盖章时所用印章未备案SM2签章证书，仅有RSA（PAdES）签名',
    en: 'This document has no SM2 signature: the seal it was sealed with had no SM2 certificate, so it carries the RSA (PAdES) signature only',
  },
  verification_file_not_pdf: { 'zh-CN': '上传的文件不是PDF文件，无法验章', en: 'The uploaded file is not a PDF; it cannot be verified' },
  callback_signature_invalid: { 'zh-CN': '回调签名无效或已过期，已拒绝', en: 'The callback signature is missing, invalid or expired; refused' },
  callback_malformed: { 'zh-CN': '回调内容不符合约定格式，已拒绝', en: 'The callback is not in the agreed format; refused' },
  seal_not_found: { 'zh-CN': '电子印章不存在', en: 'No such seal' },
  seal_inactive: { 'zh-CN': '该电子印章已停用', en: 'This seal has been deactivated' },
  e_license_not_found: { 'zh-CN': '电子证照不存在', en: 'No such e-license' },
  e_license_already_revoked: { 'zh-CN': '该电子证照已注销，不能重复注销', en: 'This e-license has already been revoked' },
  draft_not_found: { 'zh-CN': '流程草稿不存在', en: 'No such process draft' },
  draft_exists: { 'zh-CN': '该流程标识已有草稿，请打开已有草稿', en: 'A draft for this process key exists already; open it instead' },
  catalog_version_stale: {
    'zh-CN': '在您编辑期间已有人保存了新的版本，请重新载入后再修改',
    en: 'Someone saved a newer version meanwhile; reload it and edit again',
  },
  draft_revision_stale: { 'zh-CN': '草稿已被他人更新，请先载入最新版本再保存', en: 'Someone saved the draft meanwhile; load the latest revision first' },
  bpmn_unreadable: { 'zh-CN': '文件不是可接受的 BPMN，未保存', en: 'The file is not acceptable BPMN and was not saved' },
  bpmn_refused: {
    'zh-CN': '流程未通过部署检查，未部署（问题已标在对应元素上）',
    en: 'The process did not pass the deployment checks and was not deployed (the problems are marked on their elements)',
  },
  process_version_not_found: { 'zh-CN': '流程或其版本不存在', en: 'No such process or version' },
  dmn_unreadable: { 'zh-CN': '文件不是可接受的 DMN 决策表', en: 'The file is not an acceptable DMN decision table' },
  dmn_refused: {
    'zh-CN': '决策表未通过部署检查（问题已标在对应单元格上）',
    en: 'The decision table did not pass the deployment checks (the problems are marked on their cells)',
  },
  decision_not_found: { 'zh-CN': '决策或其版本不存在', en: 'No such decision or version' },
  decision_inputs_invalid: { 'zh-CN': '试算输入有误', en: 'The sample inputs are wrong' },
  rating_exists: { 'zh-CN': '该办件已评价，不能重复评价', en: 'This case has already been rated' },
  case_not_rateable: { 'zh-CN': '办件办结后方可评价', en: 'A case can be rated once it is closed' },
  // 问题闭环 (server/problems)
  problem_not_found: { 'zh-CN': '问题不存在', en: 'No such problem' },
  indicator_not_found: { 'zh-CN': '没有这项指标', en: 'No such indicator' },
  monitoring_rules_forbidden: {
    'zh-CN': '只有数据资源管理局的领导可以设定监测预警规则',
    en: "Only the Data Bureau's leaders set the monitoring rules",
  },
  problem_not_open: { 'zh-CN': '该问题当前不在待整改状态', en: 'This problem is not open for rectification' },
  problem_not_rectified: { 'zh-CN': '该问题当前不在待审核状态', en: 'This problem is not waiting for a review' },
  // 运维监控 (server/operations)
  incident_not_found: { 'zh-CN': '流程异常不存在', en: 'No such incident' },
  incident_resolved: {
    'zh-CN': '该流程异常已不在未解决的异常中：已经解决（已被重试、流程已继续或已被终止），无需再处理；请刷新列表',
    en: 'This incident is no longer open: it has been resolved (retried, moved on or cancelled); nothing left to do; refresh the list',
  },
  incident_not_retryable: {
    'zh-CN': '这类流程异常不能在此重试，请调整办理环节或终止办件',
    en: 'This kind of incident cannot be retried here; move the case to a step or cancel it',
  },
  case_final: { 'zh-CN': '办件已办结，不能再调整或终止', en: 'The case is closed; it can no longer be moved or cancelled' },
  case_no_instance: {
    'zh-CN': '该办件没有运行中的流程实例，不能调整环节；如需结束请终止办件',
    en: 'The case has no running process instance to move; cancel the case to end it',
  },
  case_move_refused: { 'zh-CN': '流程引擎未能把办件移到该环节', en: 'The process engine could not move the case to that step' },
  // 办件数据汇聚 (server/reporting)
  dead_letter_not_found: { 'zh-CN': '没有该条待重发的汇聚事件', en: 'No such dead letter' },
  dead_letter_not_dead: {
    'zh-CN': '该汇聚事件已不在死信中（已重发或已送达），无需再处理；请刷新列表',
    en: 'This event is no longer a dead letter (resent or delivered already); nothing left to do; refresh the list',
  },
  province_not_configured: {
    'zh-CN': '未配置省级数据共享交换平台（PROVINCE_EXCHANGE_URL），无法对账',
    en: 'No provincial exchange is configured (PROVINCE_EXCHANGE_URL); nothing to reconcile with',
  },
  shared_data_log_forbidden: {
    'zh-CN': '共享数据查询记录仅限数据资源管理局的领导和审计管理员查看',
    en: 'The shared-data query log is for the leaders of the data bureau and the audit administrator only',
  },
  registry_unavailable: {
    'zh-CN': '人口库、法人库暂不可用，未取得数据，请稍后再试',
    en: 'The population and legal-person registries are unavailable; no data was obtained, please try again later',
  },
  province_unavailable: {
    'zh-CN': '省级数据共享交换平台暂不可用，对账未完成，请稍后再试',
    en: 'The provincial exchange is unavailable; the reconciliation was not done, please try again later',
  },
  // 免申即享 (server/proactive)
  offer_not_found: { 'zh-CN': '没有这项免申即享服务', en: 'No such offer' },
  offer_settled: {
    'zh-CN': '这项服务已领取、已放弃或已由家人领取，请刷新页面',
    en: 'This offer has been taken up, declined or taken up by a family member; refresh the page',
  },
  offer_lapsed: { 'zh-CN': '这项服务的领取期限已过', en: 'This offer has lapsed' },
  offer_policy_withdrawn: { 'zh-CN': '这项政策已停止执行，不能再领取', en: 'This policy is no longer applied; the offer can no longer be taken up' },
  offer_subject_gone: {
    'zh-CN': '人口库中已查不到该服务所针对的人员，请到窗口咨询',
    en: 'The population registry no longer holds the person this offer is about; please ask at a window',
  },
  proactive_forbidden: { 'zh-CN': '只有系统管理员可以立即执行免申即享', en: 'Only a system administrator runs the proactive services now' },
  // 线上帮办 (server/online-help)
  online_help_not_found: { 'zh-CN': '没有该帮办请求', en: 'No such help request' },
  online_help_not_helper: {
    'zh-CN': '只有政务服务中心的窗口人员（帮办员）可以接入线上帮办',
    en: 'Only the clerks of the government service centre (helpers) answer online help',
  },
  online_help_not_joined: { 'zh-CN': '请先接入该帮办请求', en: 'Join this request first' },
  online_help_other_helper: { 'zh-CN': '该帮办请求已由其他帮办员负责', en: 'Another helper is helping with this request' },
  online_help_taken: { 'zh-CN': '该帮办请求已由其他帮办员接入', en: 'Another helper joined this request first' },
  online_help_closed: { 'zh-CN': '该帮办请求已结束', en: 'This help request is closed' },
  online_help_no_consent: { 'zh-CN': '申请人未允许帮办员代填', en: 'The applicant has not allowed the helper to fill fields' },
  online_help_not_closed: { 'zh-CN': '帮办结束后才能评价', en: 'Rate the help once the request is closed' },
  online_help_rated: { 'zh-CN': '您已评价过本次帮办', en: 'You rated this help already' },
  online_help_figures_forbidden: {
    'zh-CN': '帮办代办统计仅限政务服务中心的窗口人员和领导、数据资源管理局的领导和系统管理员查看',
    en: 'The online help figures are for the service centre’s clerks and leaders, the data bureau’s leaders and administrators',
  },
  internal_error: { 'zh-CN': '系统内部错误，请稍后再试', en: 'Internal error; please try again later' },
} satisfies Record<string, Localized>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
