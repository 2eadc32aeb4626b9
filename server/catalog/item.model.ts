import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';
import type { ItemDefinition } from '../../contract/catalog/item.ts';

/** One version of a service item (事项); a case keeps the version it was submitted under. */
export type CatalogSource = 'file' | 'editor';

export class Item extends Model<InferAttributes<Item>, InferCreationAttributes<Item>> {
  declare code: string;
  declare version: number;
  declare name: string;
  declare departmentCode: string;
  declare processKey: string;
  declare definition: ItemDefinition;
  declare formSchema: Record<string, unknown>;
  declare contentHash: string;
  /** "file": from processes/; "editor": saved through the catalog API by editedBy */
  declare source: CreationOptional<CatalogSource>;
  declare editedBy: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Item.init(
      {
        code: { type: DataTypes.STRING(64), primaryKey: true },
        version: { type: DataTypes.INTEGER, primaryKey: true },
        name: { type: DataTypes.STRING(200), allowNull: false },
        departmentCode: { type: DataTypes.STRING(32), allowNull: false },
        processKey: { type: DataTypes.STRING(128), allowNull: false },
        definition: jsonColumn('definition'),
        formSchema: jsonColumn('formSchema'),
        contentHash: { type: DataTypes.STRING(64), allowNull: false },
        source: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'file' },
        editedBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'items' },
    );
  }
}
