import { createRequire } from 'node:module';
import { addDays, endOfDay, shanghaiDay, weekday } from './shanghai-days.ts';
import { statutoryHoliday } from './statutory-holidays.ts';

/** The official calendar (State Council notices) as maintained in the chinese-days package. */
const official = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const officialYears = new Set(Object.keys(official.holidays).map((d) => Number(d.slice(0, 4))));

export type DayKind = 'holiday' | 'workday';

/** An administrator's correction of the official calendar (a local holiday, a late notice). */
export interface DayOverride {
  day: string;
  kind: DayKind;
  name: string;
}

/**
 * Where a holiday or make-up workday comes from: the State Council's arrangement as published
 * (the chinese-days package), as an administrator imported it, or derived from the statutory
 * holidays while the year has no published arrangement (provisional, 推定).
 */
export type DaySource = 'published' | 'imported' | 'statutory';

export interface DayInfo {
  day: string;
  workday: boolean;
  /** why: an ordinary weekday or weekend, an official holiday or make-up workday (调休), or an override */
  reason: 'weekday' | 'weekend' | 'holiday' | 'make_up_workday' | 'override';
  name?: string;
  /** of a holiday or make-up workday: the published, imported or statutory (derived) calendar */
  source?: DaySource;
  /**
   * the year has no published arrangement of the State Council (none in the package, none
   * imported): its holidays are the statutory ones derived by the law's rules, no 调休
   */
  provisional: boolean;
}

const holidayName = (entry: string) => entry.split(',')[1] ?? entry;

/**
 * Working days (工作日) on the official holiday calendar with its make-up workdays, corrected by
 * the overrides of a region. Periods follow the law's rule: the day a period starts is not
 * counted, and it ends at the end of its last working day.
 */
export class WorkingCalendar {
  private readonly overrides: Map<string, DayOverride>;
  private readonly imported: Map<string, DayOverride>;
  private readonly importedYears: Set<number>;

  /**
   * `overrides`: the administrators' corrections (they win); `arrangement`: the State Council's
   * arrangements administrators imported, whole years (they replace the published or the
   * statutory calendar of their years).
   */
  constructor(overrides: DayOverride[] = [], arrangement: DayOverride[] = []) {
    this.overrides = new Map(overrides.map((o) => [o.day, o]));
    this.imported = new Map(arrangement.map((o) => [o.day, o]));
    this.importedYears = new Set(arrangement.map((o) => Number(o.day.slice(0, 4))));
  }

  static hasOfficialYear(year: number): boolean {
    return officialYears.has(year);
  }

  /** Whether a year's calendar is derived from the statutory holidays (no arrangement published or imported). */
  isProvisional(year: number): boolean {
    return !officialYears.has(year) && !this.importedYears.has(year);
  }

  /**
   * Whether a period from `from` to `to` counts days of a provisional year: a due time reckoned
   * with holidays derived from the statutory rules, which the State Council's arrangement may move.
   */
  provisionalBetween(from: Date, to: Date): boolean {
    const last = Number(shanghaiDay(to).slice(0, 4));
    for (let year = Number(shanghaiDay(from).slice(0, 4)); year <= last; year++) if (this.isProvisional(year)) return true;
    return false;
  }

  info(day: string): DayInfo {
    const year = Number(day.slice(0, 4));
    const provisional = this.isProvisional(year);
    const override = this.overrides.get(day);
    if (override) return { day, workday: override.kind === 'workday', reason: 'override', name: override.name, provisional };
    if (this.importedYears.has(year)) {
      const arranged = this.imported.get(day);
      if (arranged?.kind === 'holiday') return { day, workday: false, reason: 'holiday', name: arranged.name, source: 'imported', provisional };
      if (arranged) return { day, workday: true, reason: 'make_up_workday', name: arranged.name, source: 'imported', provisional };
    } else if (!provisional) {
      if (official.holidays[day])
        return { day, workday: false, reason: 'holiday', name: holidayName(official.holidays[day]!), source: 'published', provisional };
      if (official.workdays[day])
        return { day, workday: true, reason: 'make_up_workday', name: holidayName(official.workdays[day]!), source: 'published', provisional };
    } else {
      const statutory = statutoryHoliday(day);
      if (statutory)
        return {
          day,
          workday: false,
          reason: 'holiday',
          name: statutory.inLieu ? `${statutory.name}（补假）` : statutory.name,
          source: 'statutory',
          provisional,
        };
    }
    const weekend = weekday(day) === 0 || weekday(day) === 6;
    return { day, workday: !weekend, reason: weekend ? 'weekend' : 'weekday', provisional };
  }

  /** The due time of a period of n working days starting at `from`: the end of its n-th working day. */
  due(from: Date, workingDays: number): { due: Date; dueDay: string; provisional: boolean } {
    let day = shanghaiDay(from);
    let provisional = false;
    for (let counted = 0; counted < workingDays;) {
      day = addDays(day, 1);
      const info = this.info(day);
      provisional ||= info.provisional;
      if (info.workday) counted++;
    }
    return { due: endOfDay(day), dueDay: day, provisional };
  }

  /**
   * The working days a period from `from` to `to` took, counted like a period: the day it starts
   * is not counted, the day it ends is (a suspension from Monday to Tuesday took one working day).
   */
  workingDaysBetween(from: Date, to: Date): number {
    const last = shanghaiDay(to);
    let count = 0;
    for (let day = addDays(shanghaiDay(from), 1); day <= last; day = addDays(day, 1)) {
      if (this.info(day).workday) count++;
    }
    return count;
  }

  /** A year's days off that fall on weekdays or are holidays, and its make-up workdays. */
  year(year: number) {
    const holidays: DayInfo[] = [];
    const makeUpWorkdays: DayInfo[] = [];
    for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) {
      const info = this.info(day);
      if (info.reason === 'holiday' || (info.reason === 'override' && !info.workday)) holidays.push(info);
      if (info.reason === 'make_up_workday' || (info.reason === 'override' && info.workday)) makeUpWorkdays.push(info);
    }
    return { year, provisional: this.isProvisional(year), source: this.sourceOf(year), holidays, makeUpWorkdays };
  }

  /** Where a year's holidays come from: the published arrangement, an imported one, or the statutory rules (provisional). */
  sourceOf(year: number): DaySource {
    if (this.importedYears.has(year)) return 'imported';
    return officialYears.has(year) ? 'published' : 'statutory';
  }
}
