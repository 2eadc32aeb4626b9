import { createRequire } from 'node:module';
import { addDays, weekday } from './shanghai-days.ts';

/**
 * The statutory holidays of 《全国年节及纪念日放假办法》 (as revised by the State Council on
 * 2024-11-10, in force from 2025-01-01), for a year whose arrangement the State Council has not
 * published yet. Article 2 gives everyone: 元旦 (1 January), 春节 (除夕 and 初一 to 初三: 4 days),
 * 清明节 (the day of the Qingming solar term), 劳动节 (1 and 2 May), 端午节 (5th of the 5th lunar
 * month), 中秋节 (15th of the 8th lunar month), 国庆节 (1 to 3 October). Article 6: a holiday for
 * everyone that falls on a Saturday or Sunday is given on a working day instead (补假).
 *
 * The lunar dates and the solar term come from lunar-javascript (6tail, MIT: an astronomical
 * computation, not a table), checked for 2025–2035 against the published dates in
 * test/unit/statutory-holidays.test.ts. The days so derived are provisional (推定): the State
 * Council's arrangement (调休 included), once published and imported, replaces them.
 */

interface LunarDate {
  getSolar(): SolarDate;
  getJieQiTable(): Record<string, SolarDate>;
}
interface SolarDate {
  toYmd(): string;
}
const { Lunar } = createRequire(import.meta.url)('lunar-javascript') as { Lunar: { fromYmd(y: number, m: number, d: number): LunarDate } };

export interface StatutoryDay {
  day: string;
  /** the festival: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆节 (the names of the published calendar) */
  name: string;
  /** a working day given instead of a holiday that fell on a weekend or on another holiday (补假) */
  inLieu: boolean;
}

const lunarDay = (year: number, month: number, day: number) => Lunar.fromYmd(year, month, day).getSolar().toYmd();
const pad = (n: number) => String(n).padStart(2, '0');

/** The festivals of a Gregorian year, each with its days, in order. */
export function festivalsOf(year: number): { name: string; days: string[] }[] {
  const springFestival = lunarDay(year, 1, 1);
  const qingming = Lunar.fromYmd(year, 1, 1).getJieQiTable()['清明']!.toYmd();
  return [
    { name: '元旦', days: [`${year}-01-01`] },
    { name: '春节', days: [addDays(springFestival, -1), springFestival, addDays(springFestival, 1), addDays(springFestival, 2)] },
    { name: '清明', days: [qingming] },
    { name: '劳动节', days: [`${year}-05-01`, `${year}-05-02`] },
    { name: '端午', days: [lunarDay(year, 5, 5)] },
    { name: '中秋', days: [lunarDay(year, 8, 15)] },
    { name: '国庆节', days: [1, 2, 3].map((d) => `${year}-10-${pad(d)}`) },
  ].sort((a, b) => a.days[0]!.localeCompare(b.days[0]!));
}

const weekend = (day: string) => weekday(day) === 0 || weekday(day) === 6;

/**
 * A year's statutory days off, by day: each festival's days, and for each of its days that fell on
 * a weekend (or on a day another festival already took, as 中秋 on 1 October 2031) the next
 * weekday after the festival that is not off already (补假).
 */
export function statutoryHolidays(year: number): Map<string, StatutoryDay> {
  const off = new Map<string, StatutoryDay>();
  for (const festival of festivalsOf(year)) {
    let owed = 0;
    for (const day of festival.days) {
      if (weekend(day) || off.has(day)) owed++;
      const other = off.get(day);
      off.set(day, { day, name: other ? `${other.name}、${festival.name}` : festival.name, inLieu: false });
    }
    for (let day = addDays(festival.days.at(-1)!, 1); owed > 0; day = addDays(day, 1)) {
      if (weekend(day) || off.has(day) || isFestivalDay(year, day)) continue;
      off.set(day, { day, name: festival.name, inLieu: true });
      owed--;
    }
  }
  return off;
}

const festivalDays = new Map<number, Set<string>>();
function isFestivalDay(year: number, day: string): boolean {
  let days = festivalDays.get(year);
  if (!days) festivalDays.set(year, (days = new Set(festivalsOf(year).flatMap((f) => f.days))));
  return days.has(day);
}

const computed = new Map<number, Map<string, StatutoryDay>>();

/** The statutory day off `day` is, if any (computed once per year). */
export function statutoryHoliday(day: string): StatutoryDay | undefined {
  const year = Number(day.slice(0, 4));
  let days = computed.get(year);
  if (!days) computed.set(year, (days = statutoryHolidays(year)));
  return days.get(day);
}
