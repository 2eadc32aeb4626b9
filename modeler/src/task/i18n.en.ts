import type { peopleZh } from './i18n.ts';

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
