/** The task pages' people pickers and 收回 (zh-CN first, English beside it). */
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

export const peopleEn: typeof peopleZh = {
  person: 'Person',
  persons: 'Copy to',
  search: 'Type a name or user name',
  none: 'Nobody matches',
  option: '{name} ({user} · {department})',
  sameRole: 'People of your department and role only',
  departmentReviewers: "The department's reviewers only",
  anyStaff: 'Any member of staff',
  takeBack: 'Take back',
  takeBackTitle: 'Take back the step you completed',
  takeBackHint: 'Nobody has claimed the next step yet: you can take yours back and do it again.',
  takeBackReason: 'Reason',
  takenBack: 'Taken back: the step is in your inbox again',
};
