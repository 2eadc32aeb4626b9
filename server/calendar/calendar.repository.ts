import { Op } from 'sequelize';
import { CalendarOverride } from './calendar-override.model.ts';
import { WorkingCalendar, type DayKind } from './working-calendar.ts';

export const ALL_REGIONS = '*';

/** The calendar of a region: the official one with the overrides for everywhere and for the region. */
export async function calendarFor(regionCode: string): Promise<WorkingCalendar> {
  const rows = await CalendarOverride.findAll({ where: { regionCode: { [Op.in]: [ALL_REGIONS, regionCode] } }, order: [['id', 'ASC']] });
  // a region's own override wins over one for everywhere
  const sorted = rows.sort((a, b) => Number(a.regionCode !== ALL_REGIONS) - Number(b.regionCode !== ALL_REGIONS));
  return new WorkingCalendar(sorted.map((r) => ({ day: r.day, kind: r.kind, name: r.name })));
}

export async function putOverride(regionCode: string, day: string, kind: DayKind, name: string, userId: number): Promise<void> {
  const existing = await CalendarOverride.findOne({ where: { regionCode, day } });
  if (existing) await existing.update({ kind, name, createdBy: userId });
  else await CalendarOverride.create({ regionCode, day, kind, name, createdBy: userId });
}

export async function deleteOverride(regionCode: string, day: string): Promise<boolean> {
  return (await CalendarOverride.destroy({ where: { regionCode, day } })) > 0;
}
