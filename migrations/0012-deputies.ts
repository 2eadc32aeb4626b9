import { DataTypes, type QueryInterface } from 'sequelize';

/** Out-of-office: a person names a deputy for a period; the deputy sees and may take over their tasks. */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('deputies', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    deputy_user_id: { type: DataTypes.INTEGER, allowNull: false },
    starts_at: { type: DataTypes.DATE(3), allowNull: false },
    ends_at: { type: DataTypes.DATE(3), allowNull: false },
    reason: { type: DataTypes.STRING(200), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('deputies', ['user_id'], { unique: true });
  await q.addIndex('deputies', ['deputy_user_id']);
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('deputies');
}
