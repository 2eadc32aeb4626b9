import { DataTypes, type QueryInterface } from 'sequelize';

/** 电子证照注销: who revoked a license and why, beside when (revoked_at), for the registry's audit. */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('e_licenses', 'revoked_reason', { type: DataTypes.STRING(200), allowNull: true });
  await q.addColumn('e_licenses', 'revoked_by', { type: DataTypes.STRING(64), allowNull: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeColumn('e_licenses', 'revoked_by');
  await q.removeColumn('e_licenses', 'revoked_reason');
}
