import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';
import type { FormJsSchema } from './form-js-schema.ts';

/** The form-js form an analyst saved for an item version (server/forms); the version's formSchema is derived from it. */
export class ItemForm extends Model<InferAttributes<ItemForm>, InferCreationAttributes<ItemForm>> {
  declare itemCode: string;
  declare itemVersion: number;
  declare layout: FormJsSchema;
  declare savedBy: number;
  declare savedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ItemForm.init(
      {
        itemCode: { type: DataTypes.STRING(64), primaryKey: true },
        itemVersion: { type: DataTypes.INTEGER, primaryKey: true },
        layout: jsonColumn('layout'),
        savedBy: { type: DataTypes.INTEGER, allowNull: false },
        savedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'item_forms' },
    );
  }
}
