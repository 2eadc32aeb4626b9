import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Catalog editing: a version comes from processes/ ("file") or from an editor through the API
 * ("editor", with who made it). Start-up adds a file version only when the file itself changed.
 */
export async function up(q: QueryInterface): Promise<void> {
  for (const table of ['items', 'bundles']) {
    await q.addColumn(table, 'source', { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'file' });
    await q.addColumn(table, 'edited_by', { type: DataTypes.INTEGER, allowNull: true });
  }
}

export async function down(q: QueryInterface): Promise<void> {
  for (const table of ['items', 'bundles']) {
    await q.removeColumn(table, 'edited_by');
    await q.removeColumn(table, 'source');
  }
}
