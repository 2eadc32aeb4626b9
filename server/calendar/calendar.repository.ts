import { recordAudit, type AuditEntry } from '../audit/index.ts';
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

/** Sets a day's override and records who did it in the audit trail, in one transaction. */
export async function putOverride(
  regionCode: string,
  day: string,
  kind: DayKind,
  name: string,
  userId: number,
  who: Pick<AuditEntry, 'actor' | 'clientAddress'>,
): Promise<void> {
  await CalendarOverride.sequelize!.transaction(async (transaction) => {
    const existing = await CalendarOverride.findOne({ where: { regionCode, day }, transaction });
    const before = existing ? { kind: existing.kind, name: existing.name } : null;
    if (existing) await existing.update({ kind, name, createdBy: userId }, { transaction });
    else await CalendarOverride.create({ regionCode, day, kind, name, createdBy: userId }, { transaction });
    await recordAudit(
      { ...who, action: 'calendar.override_set', target: `calendar:${regionCode}:${day}`, detail: { before, after: { kind, name } } },
      transaction,
    );
  });
}

/** Removes a day's override (false: there was none) and records who did it in the audit trail. */
export async function deleteOverride(regionCode: string, day: string, who: Pick<AuditEntry, 'actor' | 'clientAddress'>): Promise<boolean> {
  return CalendarOverride.sequelize!.transaction(async (transaction) => {
    const existing = await CalendarOverride.findOne({ where: { regionCode, day }, transaction });
    if (!existing) return false;
    await existing.destroy({ transaction });
    await recordAudit(
      {
        ...who,
        action: 'calendar.override_removed',
        target: `calendar:${regionCode}:${day}`,
        detail: { before: { kind: existing.kind, name: existing.name } },
      },
      transaction,
    );
    return true;
  });
}

/** The overrides of a year, for everywhere ('*') and for each region, by day. */
export async function overridesOfYear(year: number): Promise<{ day: string; region: string; kind: DayKind; name: string }[]> {
  const rows = await CalendarOverride.findAll({
    where: { day: { [Op.between]: [`${year}-01-01`, `${year}-12-31`] } },
    order: [
      ['day', 'ASC'],
      ['regionCode', 'ASC'],
    ],
  });
  return rows.map((r) => ({ day: r.day, region: r.regionCode, kind: r.kind, name: r.name }));
}
