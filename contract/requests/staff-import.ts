/**
 * 批量导入人员 (POST /admin/users/import, the security administrator's): a CSV file, UTF-8 with or
 * without a BOM, one account a row under a header naming the columns in Chinese or English. Each
 * row is a new account (newAccountSchema and accountRules, contract/requests/accounts.ts) and is
 * checked as one would be; the server also checks the department, the region's department and that
 * no user name is taken, in the file or in the database. Shared with the page, which says the
 * columns and the limits and refuses a file over the size before sending it.
 */

/** The largest file taken (bytes), as the attachments' uploads are capped. */
export const STAFF_IMPORT_MAX_BYTES = 1024 * 1024;
/** The most rows (accounts) one file makes. */
export const STAFF_IMPORT_MAX_ROWS = 2000;

/** The columns: the account's field and the header names it is known by (compared without case and spaces). */
export const STAFF_IMPORT_COLUMNS = [
  { field: 'username', headers: ['用户名', 'username'], required: true },
  { field: 'displayName', headers: ['姓名', 'displayName', 'name'], required: true },
  { field: 'roles', headers: ['角色', 'roles'], required: true },
  { field: 'departmentCode', headers: ['部门', 'departmentCode', 'department'], required: false },
  { field: 'regionCode', headers: ['区划', 'regionCode', 'region'], required: false },
] as const;

export type StaffImportField = (typeof STAFF_IMPORT_COLUMNS)[number]['field'];

/** Several roles in one cell: separated by | or 、 (also a Chinese or ASCII comma or semicolon). */
export const ROLE_SEPARATORS = /[|、,，;；]/;

/** The column header of the answer's password file. */
export const PASSWORD_FILE_HEADER = ['username', 'temporaryPassword'] as const;

/** A role may be written by its code (reviewer) or its Chinese name as the pages show it (审核员). */
export const ROLE_NAMES_ZH: Record<string, string> = {
  申请人: 'applicant',
  窗口受理员: 'clerk',
  审核员: 'reviewer',
  科长: 'leader',
  流程分析员: 'analyst',
  系统管理员: 'admin',
  安全管理员: 'security_admin',
  审计管理员: 'auditor',
};
