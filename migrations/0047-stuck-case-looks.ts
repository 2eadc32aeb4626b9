import { DataTypes, Op, type QueryInterface } from 'sequelize';

/**
 * 停滞办件 at a city's scale (server/operations/stuck-cases.ts): when the detector must look at an
 * unfinished case next (`cases.stuck_look_at`: due at once after any change of the case, later and
 * later while it waits for someone; null once final), so that a look reads the cases due, not every
 * unfinished case; and what the looks found (`stuck_cases`: candidates and confirmed ones, shared by
 * every node). Unfinished cases are due at the first look after the upgrade.
 */
const FINAL = ['not_accepted', 'approved', 'refused', 'partially_approved', 'delivered', 'withdrawn', 'terminated'];

export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('cases', 'stuck_look_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.addIndex('cases', ['stuck_look_at'], { name: 'cases_stuck_look' });
  await q.bulkUpdate('cases', { stuck_look_at: new Date(0) }, { status: { [Op.notIn]: FINAL } });
  await q.createTable('stuck_cases', {
    case_id: { type: DataTypes.INTEGER, primaryKey: true },
    case_no: { type: DataTypes.STRING(32), allowNull: false },
    kind: { type: DataTypes.STRING(24), allowNull: false },
    diagnosis: { type: DataTypes.TEXT, allowNull: false },
    process_instance_ids: { type: DataTypes.TEXT, allowNull: false },
    /** when a look first found the case so (the listing's "since") */
    first_found_at: { type: DataTypes.DATE(3), allowNull: false },
    /** found so by two looks in a row: listed */
    confirmed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    looked_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('stuck_cases', ['confirmed', 'first_found_at'], { name: 'stuck_cases_listing' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('stuck_cases');
  await q.removeIndex('cases', 'cases_stuck_look');
  await q.removeColumn('cases', 'stuck_look_at');
}
