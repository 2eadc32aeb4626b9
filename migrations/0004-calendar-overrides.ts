import { DataTypes, type QueryInterface } from 'sequelize';

/** Administrators' corrections of the official holiday calendar, per region ('*' = everywhere). */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('calendar_overrides', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    region_code: { type: DataTypes.STRING(6), allowNull: false },
    day: { type: DataTypes.STRING(10), allowNull: false },
    kind: { type: DataTypes.STRING(8), allowNull: false },
    name: { type: DataTypes.STRING(100), allowNull: false },
    created_by: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('calendar_overrides', ['region_code', 'day'], { unique: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('calendar_overrides');
}
