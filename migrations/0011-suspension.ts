import { DataTypes, type QueryInterface } from 'sequelize';

/** 特别程序 (行政许可法 Art. 45): when the clock of a case stopped, and how many working days it stood. */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('cases', 'suspended_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.addColumn('cases', 'suspended_working_days', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeColumn('cases', 'suspended_working_days');
  await q.removeColumn('cases', 'suspended_at');
}
