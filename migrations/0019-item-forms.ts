import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The Camunda Form (form-js schema) an analyst saved for an item version in the form editor: its
 * layout, options' labels and texts, beside the JSON schema (items.form_schema) derived from it.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('item_forms', {
    item_code: { type: DataTypes.STRING(64), primaryKey: true },
    item_version: { type: DataTypes.INTEGER, primaryKey: true },
    // a form-js schema; LONGTEXT on MariaDB (TEXT holds 64 KB)
    layout: { type: DataTypes.TEXT('long'), allowNull: false },
    saved_by: { type: DataTypes.INTEGER, allowNull: false },
    saved_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('item_forms');
}
