import { DataTypes, type QueryInterface } from 'sequelize';

/** 帮办代办: who submitted on the applicant's behalf, for cases of the assisted channel. */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('cases', 'agent', { type: DataTypes.TEXT, allowNull: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeColumn('cases', 'agent');
}
