import { fieldProblem, type FieldProblem } from '../problems.ts';

/**
 * 工作日历: the bodies of PUT /calendar/overrides/{day} and of POST /calendar/arrangements (a
 * year's arrangement of the State Council, imported), checked by the server
 * (server/calendar/calendar.controller.ts) and by the system administrator's 工作日历 page before
 * it sends.
 */

/** A region code (6 digits, 行政区划代码), or * for everywhere. */
export const REGION_PATTERN = '^(\\*|\\d{6})$';

export type DayKind = 'holiday' | 'workday';

export interface CalendarOverrideBody {
  kind: DayKind;
  name: string;
  /** absent: everywhere (*) */
  region?: string;
}

export const calendarOverrideSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name'],
  properties: {
    kind: { type: 'string', enum: ['holiday', 'workday'], title: '类型', 'x-title-en': 'Kind' },
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S', title: '名称', 'x-title-en': 'Name' },
    region: { type: 'string', pattern: REGION_PATTERN, title: '区划代码', 'x-title-en': 'Region code' },
  },
} as const;

/** The most days one year's arrangement may list (a year has about 30: holidays and make-up workdays). */
export const ARRANGEMENT_MAX_DAYS = 120;

/** One day of the State Council's arrangement (国务院办公厅关于某年部分节假日安排的通知): a holiday or a make-up workday (调休上班). */
export interface ArrangementDay {
  day: string;
  kind: DayKind;
  name: string;
}

/**
 * POST /calendar/arrangements: a year's arrangement as the State Council published it, every
 * holiday (周末 included where the notice counts it) and every make-up workday; it replaces the
 * published or statutory (推定) calendar of the year as a whole. `dryRun`: check and compare only,
 * nothing written.
 */
export interface ArrangementImportBody {
  year: number;
  days: ArrangementDay[];
  dryRun?: boolean;
}

export const arrangementImportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'days'],
  properties: {
    year: { type: 'integer', minimum: 2004, maximum: 2100, title: '年份', 'x-title-en': 'Year' },
    dryRun: { type: 'boolean', title: '试运行', 'x-title-en': 'Dry run' },
    days: {
      type: 'array',
      minItems: 1,
      maxItems: ARRANGEMENT_MAX_DAYS,
      title: '日期安排',
      'x-title-en': 'Days',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['day', 'kind', 'name'],
        properties: {
          day: { type: 'string', format: 'date', title: '日期', 'x-title-en': 'Date' },
          kind: { type: 'string', enum: ['holiday', 'workday'], title: '类型', 'x-title-en': 'Kind' },
          name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S', title: '名称', 'x-title-en': 'Name' },
        },
      },
    },
  },
} as const;

/** What the schema cannot say: each day is in the year, and none is listed twice. */
export function arrangementRules(body: Pick<ArrangementImportBody, 'year' | 'days'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  body.days.forEach((d, i) => {
    if (!d.day.startsWith(`${body.year}-`))
      problems.push(fieldProblem(`days.${i}.day`, `日期：${d.day} 不在 ${body.year} 年内`, `Date: ${d.day} is not in ${body.year}`));
    const first = seen.get(d.day);
    if (first !== undefined)
      problems.push(fieldProblem(`days.${i}.day`, `日期：${d.day} 已在第 ${first + 1} 项列出`, `Date: ${d.day} is already listed as item ${first + 1}`));
    else seen.set(d.day, i);
  });
  return problems;
}

/** The columns of an arrangement's CSV: date, kind, name (a header naming them, in Chinese or English, may come first). */
export const ARRANGEMENT_CSV_HEADERS = {
  day: ['日期', 'date', 'day'],
  kind: ['类型', 'kind', 'type'],
  name: ['名称', 'name'],
} as const;

/** The kinds as a notice or a person writes them: holiday / workday, or 放假 / 休 / 上班 / 班 / 调休上班. */
const KIND_WORDS: Record<string, DayKind> = {
  holiday: 'holiday',
  放假: 'holiday',
  休: 'holiday',
  休息: 'holiday',
  假日: 'holiday',
  节假日: 'holiday',
  workday: 'workday',
  上班: 'workday',
  班: 'workday',
  调休上班: 'workday',
  补班: 'workday',
  工作日: 'workday',
};

/**
 * Reads an arrangement pasted or uploaded as text: JSON (an array of {day, kind, name}, or
 * {days: [...]}) or CSV (one day a line: date, kind, name; a header line optional; separated by
 * commas, Chinese commas or tabs). Nothing is refused here: each line becomes a day as written (a
 * kind in Chinese read as its code) and the request's checks say what is wrong with it; `lines`
 * gives the line each day came from, for the page to show problems by line. Only text that is
 * neither (JSON that does not parse) is an error.
 */
export function parseArrangementText(text: string): { days: ArrangementDay[]; lines: number[] } | { error: { 'zh-CN': string; en: string } } {
  const source = text.replace(/^\uFEFF/, '');
  const kindOf = (value: unknown) => (typeof value === 'string' ? (KIND_WORDS[value.trim().toLowerCase()] ?? value.trim()) : value);
  if (/^\s*[[{]/.test(source)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (err) {
      return { error: { 'zh-CN': `JSON 无法解析：${(err as Error).message}`, en: `the JSON does not parse: ${(err as Error).message}` } };
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { days?: unknown })?.days;
    if (!Array.isArray(list))
      return { error: { 'zh-CN': 'JSON 应为日期的数组，或含 days 数组的对象', en: 'the JSON must be an array of days, or an object with a days array' } };
    const days = list.map((item) => {
      const d = (item ?? {}) as Record<string, unknown>;
      return { day: d.day ?? d.date, kind: kindOf(d.kind ?? d.type), name: typeof d.name === 'string' ? d.name.trim() : d.name } as ArrangementDay;
    });
    return { days, lines: days.map((_, i) => i + 1) };
  }
  const days: ArrangementDay[] = [];
  const lines: number[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.trim().startsWith('#')) return;
    const cells = raw.split(/[,，\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const isHeader = days.length === 0 && (ARRANGEMENT_CSV_HEADERS.day as readonly string[]).includes(cells[0]!.toLowerCase());
    if (isHeader) return;
    days.push({ day: cells[0] ?? '', kind: kindOf(cells[1] ?? '') as DayKind, name: cells.slice(2).join('，').trim() });
    lines.push(i + 1);
  });
  return { days, lines };
}
