import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The hall's details the service hall needs (issue 21): where it is on the map (`latitude`,
 * `longitude`, WGS-84 degrees, null until its administrator places it), the periods it receives
 * people on the calendar's working days (`opening_periods`, JSON [{from, to}] on the half hour:
 * 在线预约's slots) and the bookings one window of each kind takes per half-hour slot
 * (`slot_capacity`, JSON {general, special, green}). The halls there are get the defaults of
 * contract/requests/organization.ts; the free `hours` text stays as a note.
 */
const PERIODS = JSON.stringify([
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '17:00' },
]);
const CAPACITY = JSON.stringify({ general: 4, special: 3, green: 2 });

export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('service_halls', 'latitude', { type: DataTypes.DOUBLE, allowNull: true });
  await q.addColumn('service_halls', 'longitude', { type: DataTypes.DOUBLE, allowNull: true });
  await q.addColumn('service_halls', 'opening_periods', { type: DataTypes.TEXT, allowNull: true });
  await q.addColumn('service_halls', 'slot_capacity', { type: DataTypes.TEXT, allowNull: true });
  await q.sequelize.query('UPDATE service_halls SET opening_periods = ?, slot_capacity = ?', { replacements: [PERIODS, CAPACITY] });
}

export async function down(q: QueryInterface): Promise<void> {
  for (const column of ['slot_capacity', 'opening_periods', 'longitude', 'latitude']) await q.removeColumn('service_halls', column);
}
