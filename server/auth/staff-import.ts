import type { Sequelize } from 'sequelize';
import { Op } from 'sequelize';
import { recordAudit } from '../audit/index.ts';
import { departmentCodes, hasRegionDepartment, regionByCode } from '../organization/index.ts';
import { AppError, fieldProblem, type FieldProblem } from '../errors/app-error.ts';
import { problemsOf } from '../validation/ajv.ts';
import { withPrefix } from '../../contract/problems.ts';
import { accountRules, newAccountSchema } from '../../contract/requests/accounts.ts';
import {
  PASSWORD_FILE_HEADER,
  ROLE_NAMES_ZH,
  ROLE_SEPARATORS,
  STAFF_IMPORT_COLUMNS,
  STAFF_IMPORT_MAX_ROWS,
  type StaffImportField,
} from '../../contract/requests/staff-import.ts';
import type { Role } from '../../contract/roles.ts';
import { hashPassword } from './passwords.ts';
import { temporaryPassword, regionOrRoot } from './user-admin.ts';
import { User } from './user.model.ts';

/**
 * 批量导入人员 (the security administrator's): a CSV file of new accounts (contract/requests/staff-import.ts).
 * The dry run answers each row with its problems, checked as one account is (the schema, 三员分立 and
 * the other rules, the department, the region's department of that kind) and for user names taken
 * in the file or in the database. The import checks all again and writes nothing unless every row is
 * good; then it makes every account in one transaction, each with a temporary password (argon2id
 * hash only; the clear passwords are answered once, as a CSV file, and neither logged nor kept).
 */

export interface ImportRow {
  /** the row's line in the file (the header is line 1) */
  row: number;
  account: { username: string; displayName: string; roles: string[]; departmentCode: string | null; regionCode: string | null };
  problems: FieldProblem[];
}

const normal = (header: string) => header.replace(/\s+/g, '').toLowerCase();

/** RFC 4180 records: quoted cells with doubled quotes, commas and line breaks inside; CRLF or LF; each with the line it starts on. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (any || cell !== '') records.push({ line: start, cells });
      cells = [];
      cell = '';
      any = false;
      line++;
      start = line;
    } else {
      cell += c;
      any = true;
    }
  }
  if (any || cell !== '') {
    cells.push(cell);
    records.push({ line: start, cells });
  }
  return records.filter((r) => r.cells.some((x) => x.trim() !== ''));
}

const unreadable = (zh: string, en: string) => new AppError(422, 'staff_import_unreadable', [fieldProblem('file', zh, en)]);

/** The file's rows as new accounts; a file that is no CSV of these columns is refused whole (422 at `file`, 413 over the rows). */
export function readStaffFile(bytes: Buffer): { row: number; account: ImportRow['account'] }[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw unreadable('文件：不是 UTF-8 编码（请在保存时选择“CSV UTF-8”）', 'File: not UTF-8 (save it as "CSV UTF-8")');
  }
  if (text.includes('\u0000')) throw unreadable('文件：含有空字符（NUL），不是文本文件', 'File: contains a NUL character; not a text file');
  const records = parseCsv(text);
  const [header, ...rows] = records;
  if (!header) throw unreadable('文件：没有内容', 'File: empty');
  const columns = new Map<StaffImportField, number>();
  header.cells.forEach((h, i) => {
    const column = STAFF_IMPORT_COLUMNS.find((c) => c.headers.some((name) => normal(name) === normal(h)));
    if (column && !columns.has(column.field)) columns.set(column.field, i);
  });
  const missing = STAFF_IMPORT_COLUMNS.filter((c) => c.required && !columns.has(c.field));
  if (missing.length) {
    throw unreadable(
      `文件：第一行须有列名 ${missing.map((c) => c.headers[0]).join('、')}`,
      `File: the first row must name the columns ${missing.map((c) => c.headers[1]).join(', ')}`,
    );
  }
  if (!rows.length) throw unreadable('文件：除列名外没有任何行', 'File: no row below the column names');
  if (rows.length > STAFF_IMPORT_MAX_ROWS) {
    throw new AppError(413, 'file_too_large', [], {
      'zh-CN': `导入文件至多 ${STAFF_IMPORT_MAX_ROWS} 行（本文件 ${rows.length} 行），请分批导入`,
      en: `At most ${STAFF_IMPORT_MAX_ROWS} rows a file (this one has ${rows.length}); import in parts`,
    });
  }
  const cell = (cells: string[], field: StaffImportField) => {
    const i = columns.get(field);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  return rows.map(({ line, cells }) => ({
    row: line,
    account: {
      username: cell(cells, 'username'),
      displayName: cell(cells, 'displayName'),
      roles: cell(cells, 'roles')
        .split(ROLE_SEPARATORS)
        .map((r) => r.trim())
        .filter(Boolean)
        .map((r) => ROLE_NAMES_ZH[r] ?? r.toLowerCase()),
      departmentCode: cell(cells, 'departmentCode') || null,
      regionCode: cell(cells, 'regionCode') || null,
    },
  }));
}

/** Every row with its problems (none: it would be made as it stands). */
export async function checkStaffRows(rows: { row: number; account: ImportRow['account'] }[]): Promise<ImportRow[]> {
  const departments = await departmentCodes();
  const taken = new Set(
    (await User.findAll({ attributes: ['username'], where: { username: { [Op.in]: rows.map((r) => r.account.username).filter(Boolean) } } })).map(
      (u) => u.username,
    ),
  );
  const firstRowOf = new Map<string, number>();
  const regionChecks = new Map<string, Promise<FieldProblem | null>>();
  const regionProblem = (regionCode: string, departmentCode: string) => {
    const key = `${regionCode} ${departmentCode}`;
    let check = regionChecks.get(key);
    if (!check) {
      check = (async () => {
        if (await hasRegionDepartment(regionCode, departmentCode)) return null;
        const region = await regionByCode(regionCode);
        return region
          ? fieldProblem('regionCode', `所在区划：${region.nameZh}没有在用的该类部门`, `Region: ${region.nameEn} has no such department in use`)
          : fieldProblem('regionCode', `所在区划：没有区划“${regionCode}”`, `Region: no region "${regionCode}"`);
      })();
      regionChecks.set(key, check);
    }
    return check;
  };
  const checked: ImportRow[] = [];
  for (const { row, account } of rows) {
    const body = Object.fromEntries(Object.entries(account).filter(([, v]) => v !== null && v !== ''));
    let problems = problemsOf(newAccountSchema, body);
    if (!problems.length) {
      problems = accountRules({ roles: account.roles as Role[], departmentCode: account.departmentCode });
      if (account.departmentCode && !problems.some((p) => p.field === 'departmentCode') && !departments.has(account.departmentCode)) {
        problems.push(
          fieldProblem('departmentCode', `部门：没有编码为“${account.departmentCode}”的部门`, `Department: no department "${account.departmentCode}"`),
        );
      }
      if (!problems.length && account.departmentCode) {
        const regionCode = await regionOrRoot(account);
        const problem = regionCode ? await regionProblem(regionCode, account.departmentCode) : null;
        if (problem) problems.push(problem);
      }
    }
    if (account.username) {
      const first = firstRowOf.get(account.username);
      if (first !== undefined) {
        problems.push(fieldProblem('username', `用户名：与第 ${first} 行重复`, `User name: the same as in row ${first}`));
      } else {
        firstRowOf.set(account.username, row);
        if (taken.has(account.username)) problems.push(fieldProblem('username', '用户名：已被使用', 'User name: taken'));
      }
    }
    checked.push({ row, account, problems });
  }
  return checked;
}

/** The problems of every row as one 422's details: `rows.<line>.<field>`, each message saying its row. */
export function rowProblems(rows: ImportRow[]): FieldProblem[] {
  return rows.flatMap((r) =>
    withPrefix(r.problems, `rows.${r.row}`).map((p) => ({
      ...p,
      message: { 'zh-CN': `第 ${r.row} 行：${p.message['zh-CN']}`, en: `Row ${r.row}: ${p.message.en}` },
    })),
  );
}

/** Hashes with at most this many at once (argon2id is memory-hard: 19 MiB each). */
const HASHING = 2;

/**
 * Makes every account of the file in one transaction (nothing on any problem: 422 listing every
 * row's); answers the user names with their temporary passwords, for the file answered once.
 */
export async function importStaff(sequelize: Sequelize, actor: string, bytes: Buffer): Promise<{ username: string; temporaryPassword: string }[]> {
  const rows = await checkStaffRows(readStaffFile(bytes));
  const problems = rowProblems(rows);
  if (problems.length) throw new AppError(422, 'staff_import_invalid', problems);
  const accounts = await Promise.all(rows.map(async (r) => ({ ...r.account, regionCode: await regionOrRoot(r.account) })));
  // none starting with - or . : a spreadsheet would read the cell as a formula
  const passwords = accounts.map(() => {
    let password = temporaryPassword();
    while (!/^[A-Za-z0-9]/.test(password)) password = temporaryPassword();
    return password;
  });
  const hashes: string[] = new Array(accounts.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: HASHING }, async () => {
      while (next < passwords.length) {
        const i = next++;
        hashes[i] = await hashPassword(passwords[i]!);
      }
    }),
  );
  await sequelize.transaction(async (transaction) => {
    await User.bulkCreate(
      accounts.map((a, i) => ({
        username: a.username,
        displayName: a.displayName.trim(),
        roles: a.roles as Role[],
        departmentCode: a.departmentCode,
        regionCode: a.regionCode,
        idNo: null,
        phone: null,
        passwordHash: hashes[i]!,
        passwordMustChange: true,
      })),
      { transaction, validate: true },
    );
    for (const a of accounts) {
      await recordAudit(
        {
          actor,
          action: 'account.created',
          target: `user:${a.username}`,
          detail: {
            displayName: a.displayName.trim(),
            roles: a.roles,
            departmentCode: a.departmentCode,
            regionCode: a.regionCode,
            active: true,
            via: 'import',
          },
        },
        transaction,
      );
    }
    await recordAudit(
      { actor, action: 'account.imported', target: 'users', detail: { accounts: accounts.length, usernames: accounts.map((a) => a.username) } },
      transaction,
    );
  });
  return accounts.map((a, i) => ({ username: a.username, temporaryPassword: passwords[i]! }));
}

/** The answer's file: a header, then one user name and temporary password a row (user names need no quoting). */
export function passwordFile(created: { username: string; temporaryPassword: string }[]): string {
  return `\uFEFF${[PASSWORD_FILE_HEADER.join(','), ...created.map((c) => `${c.username},${c.temporaryPassword}`)].join('\r\n')}\r\n`;
}
