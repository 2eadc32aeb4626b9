import { DataTypes, type QueryInterface } from 'sequelize';

/** 承诺时限 / 法定时限: a case's periods run from its acceptance, in working days. */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('cases', 'accepted_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.addColumn('cases', 'promised_due_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.addColumn('cases', 'statutory_due_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.addIndex('cases', ['promised_due_at']);
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('cases', ['promised_due_at']);
  for (const column of ['accepted_at', 'promised_due_at', 'statutory_due_at']) await q.removeColumn('cases', column);
}
