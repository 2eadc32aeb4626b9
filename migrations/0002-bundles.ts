import { DataTypes, type QueryInterface } from 'sequelize';

/** Bundles (一件事), versioned like items: a case keeps the version it was submitted under. */
export async function up(q: QueryInterface): Promise<void> {
  const longText = q.sequelize.getDialect() === 'sqlite' ? DataTypes.TEXT : DataTypes.TEXT('long');
  await q.createTable('bundles', {
    code: { type: DataTypes.STRING(32), primaryKey: true },
    version: { type: DataTypes.INTEGER, primaryKey: true },
    name: { type: DataTypes.STRING(200), allowNull: false },
    definition: { type: longText, allowNull: false },
    content_hash: { type: DataTypes.STRING(64), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('bundles');
}
