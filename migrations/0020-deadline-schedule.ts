import { DataTypes, Op, type QueryInterface } from 'sequelize';

/**
 * 超期预警 at a city's scale: when the deadline sweep must look at a running case next (the moment
 * its colour turns), so that a sweep reads the cases that turn, not every running case. Running
 * cases are looked at by the first sweep after the upgrade, which schedules them.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('cases', 'next_warning_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.addIndex('cases', ['status', 'next_warning_at'], { name: 'cases_deadline_schedule' });
  await q.bulkUpdate('cases', { next_warning_at: new Date(0) }, { status: ['accepted', 'in_review', 'suspended'], promised_due_at: { [Op.ne]: null } });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('cases', 'cases_deadline_schedule');
  await q.removeColumn('cases', 'next_warning_at');
}
