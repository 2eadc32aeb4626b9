import { DataTypes, type ModelAttributeColumnOptions } from 'sequelize';

/**
 * A JSON value kept in a TEXT column. MariaDB's JSON is LONGTEXT and SQLite has none, so we
 * serialise ourselves and both dialects behave the same.
 */
export function jsonColumn(field: string): ModelAttributeColumnOptions {
  return {
    // the column's size is the migration's business (LONGTEXT where needed)
    type: DataTypes.TEXT,
    allowNull: false,
    get(this: { getDataValue(key: string): unknown }) {
      const raw = this.getDataValue(field);
      return typeof raw === 'string' ? JSON.parse(raw) : (raw ?? null);
    },
    set(this: { setDataValue(key: string, value: unknown): void }, value: unknown) {
      this.setDataValue(field, value === null || value === undefined ? null : JSON.stringify(value));
    },
  };
}
