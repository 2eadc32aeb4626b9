import { DataTypes, type QueryInterface } from 'sequelize';

/** A password an administrator set (a new account, a reset) is changed at the next sign-in (server/auth/user-admin.ts). */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('users', 'password_must_change', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeColumn('users', 'password_must_change');
}
