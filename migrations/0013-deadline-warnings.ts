import { DataTypes, type QueryInterface } from 'sequelize';

/** 超期预警: the last colour a case's holders were warned of, so each turn is told once. */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('cases', 'warned_colour', { type: DataTypes.STRING(8), allowNull: true });
  await q.addIndex('cases', ['status']);
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('cases', ['status']);
  await q.removeColumn('cases', 'warned_colour');
}
