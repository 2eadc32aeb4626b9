/** The task pages' people pickers and 收回 (zh-CN here, English in i18n.en.ts, fetched when English is chosen). */
export const peopleZh = {
  person: '办理人',
  persons: '抄送人',
  search: '输入姓名或用户名搜索',
  none: '没有符合条件的人员',
  option: '{name}（{user} · {department}）',
  sameRole: '仅列出本部门同岗位人员',
  departmentReviewers: '仅列出本部门审核人员',
  anyStaff: '可抄送给任何工作人员',
  takeBack: '收回',
  takeBackTitle: '收回已办理的步骤',
  takeBackHint: '下一步骤尚未被签收，可收回您刚办理的步骤重新办理。',
  takeBackReason: '收回理由',
  takenBack: '已收回，该步骤已回到您的待办',
};
