import { recordAudit, type AuditEntry } from '../audit/index.ts';
import { Op } from 'sequelize';
import { CalendarOverride } from './calendar-override.model.ts';
import { WorkingCalendar, type DayKind } from './working-calendar.ts';

export const ALL_REGIONS = '*';
/**
 * The rows of the State Council's arrangements that administrators imported (a whole year at a
 * time) are kept beside the overrides under this region code, which no override can have (an
 * override's region is * or six digits): the country's calendar, below every override.
 */
export const STATE_COUNCIL = 'CN';

/**
 * The calendar of a region: the official one (published or imported) with the overrides for
 * everywhere and for the region. `replacing`: as it would be with that arrangement imported for its
 * year (an import's dry run).
 */
export async function calendarFor(regionCode: string, replacing?: { year: number; days: ArrangedDay[] }): Promise<WorkingCalendar> {
  const rows = await CalendarOverride.findAll({ where: { regionCode: { [Op.in]: [STATE_COUNCIL, ALL_REGIONS, regionCode] } }, order: [['id', 'ASC']] });
  const arrangement: ArrangedDay[] = rows.filter((r) => r.regionCode === STATE_COUNCIL && (!replacing || !r.day.startsWith(`${replacing.year}-`)));
  if (replacing) arrangement.push(...replacing.days);
  // a region's own override wins over one for everywhere
  const sorted = rows.filter((r) => r.regionCode !== STATE_COUNCIL).sort((a, b) => Number(a.regionCode !== ALL_REGIONS) - Number(b.regionCode !== ALL_REGIONS));
  const plain = (r: CalendarOverride) => ({ day: r.day, kind: r.kind, name: r.name });
  return new WorkingCalendar(
    sorted.map(plain),
    arrangement.map((r) => ({ day: r.day, kind: r.kind, name: r.name })),
  );
}

export interface ArrangedDay {
  day: string;
  kind: DayKind;
  name: string;
}

/** The State Council's arrangement of a year as imported (empty: none imported). */
export async function arrangementOf(year: number): Promise<ArrangedDay[]> {
  const rows = await CalendarOverride.findAll({
    where: { regionCode: STATE_COUNCIL, day: { [Op.between]: [`${year}-01-01`, `${year}-12-31`] } },
    order: [['day', 'ASC']],
  });
  return rows.map((r) => ({ day: r.day, kind: r.kind, name: r.name }));
}

/**
 * Replaces a year's imported arrangement with `days` (all of them or, on any failure, none), and
 * records it in the audit trail with what it replaced, in one transaction. The days were checked
 * (contract/requests/calendar.ts arrangementRules): each in the year, none twice.
 */
export async function importArrangement(
  year: number,
  days: ArrangedDay[],
  userId: number,
  who: Pick<AuditEntry, 'actor' | 'clientAddress'>,
): Promise<{ before: ArrangedDay[] }> {
  return CalendarOverride.sequelize!.transaction(async (transaction) => {
    const where = { regionCode: STATE_COUNCIL, day: { [Op.between]: [`${year}-01-01`, `${year}-12-31`] } };
    const existing = await CalendarOverride.findAll({ where, order: [['day', 'ASC']], transaction });
    const before = existing.map((r) => ({ day: r.day, kind: r.kind, name: r.name }));
    await CalendarOverride.destroy({ where, transaction });
    await CalendarOverride.bulkCreate(
      days.map((d) => ({ regionCode: STATE_COUNCIL, day: d.day, kind: d.kind, name: d.name, createdBy: userId })),
      { transaction },
    );
    await recordAudit(
      {
        ...who,
        action: 'calendar.arrangement_imported',
        target: `calendar:${STATE_COUNCIL}:${year}`,
        detail: { year, before, after: days.map((d) => ({ day: d.day, kind: d.kind, name: d.name })) },
      },
      transaction,
    );
    return { before };
  });
}

/** Removes a year's imported arrangement (false: there was none), audited: the year goes back to the published or statutory calendar. */
export async function deleteArrangement(year: number, who: Pick<AuditEntry, 'actor' | 'clientAddress'>): Promise<boolean> {
  return CalendarOverride.sequelize!.transaction(async (transaction) => {
    const where = { regionCode: STATE_COUNCIL, day: { [Op.between]: [`${year}-01-01`, `${year}-12-31`] } };
    const existing = await CalendarOverride.findAll({ where, order: [['day', 'ASC']], transaction });
    if (existing.length === 0) return false;
    await CalendarOverride.destroy({ where, transaction });
    await recordAudit(
      {
        ...who,
        action: 'calendar.arrangement_removed',
        target: `calendar:${STATE_COUNCIL}:${year}`,
        detail: { year, before: existing.map((r) => ({ day: r.day, kind: r.kind, name: r.name })) },
      },
      transaction,
    );
    return true;
  });
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
    where: { regionCode: { [Op.ne]: STATE_COUNCIL }, day: { [Op.between]: [`${year}-01-01`, `${year}-12-31`] } },
    order: [
      ['day', 'ASC'],
      ['regionCode', 'ASC'],
    ],
  });
  return rows.map((r) => ({ day: r.day, region: r.regionCode, kind: r.kind, name: r.name }));
}
