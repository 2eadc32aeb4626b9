import type { Locale } from '../../contract/locale.ts';
import type { IndicatorFigure, IndicatorGroup, Period } from './indicators.service.ts';

/** A table of figures to export: one row per group (and the total), one column per indicator. */
export interface FigureTable {
  title: string;
  period: Period;
  groupTitle: string;
  rows: { name: string; indicators: IndicatorFigure[] }[];
}

const TOTAL: Record<Locale, string> = { 'zh-CN': '合计', en: 'Total' };

export function figureTable(
  title: string,
  groupTitle: string,
  period: Period,
  totals: { indicators: IndicatorFigure[] },
  groups: IndicatorGroup[],
  locale: Locale,
): FigureTable {
  return {
    title,
    period,
    groupTitle,
    rows: [...groups.map((g) => ({ name: g.name, indicators: g.indicators })), { name: TOTAL[locale], indicators: totals.indicators }],
  };
}

/** A figure as a cell: a rate as a percentage with one decimal, an average with two, a count as is; empty where there is no figure. */
export function cell(f: IndicatorFigure): string {
  if (f.value === null) return '';
  if (f.kind === 'rate') return `${(f.value * 100).toFixed(1)}%`;
  if (f.kind === 'average') return f.value.toFixed(2);
  return String(f.value);
}

const header = (t: FigureTable) => [t.groupTitle, ...(t.rows[0]?.indicators.map((f) => f.name) ?? [])];

/** CSV for spreadsheets: UTF-8 with a byte-order mark (so that Excel reads the Chinese), quoted where needed, CRLF lines. */
export function toCsv(t: FigureTable): Buffer {
  // a name that starts like a formula is read as text (CSV injection)
  const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  const quote = (raw: string) => {
    const v = safe(raw);
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const lines = [header(t), ...t.rows.map((r) => [r.name, ...r.indicators.map(cell)])].map((cells) => cells.map(quote).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** XLSX: one sheet, the period in its first line, numbers as numbers (rates formatted as percentages). */
export async function toXlsx(t: FigureTable): Promise<Buffer> {
  // loaded by the first export, not by every server (8 MB of heap)
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'approval-platform';
  const sheet = book.addWorksheet(t.title.slice(0, 31));
  sheet.addRow([`${t.title}（${t.period.from} – ${t.period.to}）`]).font = { bold: true };
  sheet.addRow(header(t)).font = { bold: true };
  for (const r of t.rows) {
    const row = sheet.addRow([r.name, ...r.indicators.map((f) => f.value)]);
    r.indicators.forEach((f, i) => {
      row.getCell(i + 2).numFmt = f.kind === 'rate' ? '0.0%' : f.kind === 'average' ? '0.00' : '0';
    });
  }
  sheet.getColumn(1).width = 24;
  return Buffer.from(await book.xlsx.writeBuffer());
}
