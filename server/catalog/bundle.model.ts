import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';
import type { BundleDefinition } from '../../contract/catalog/bundle.ts';

/** One version of a bundle (一件事). */
import type { CatalogSource } from './item.model.ts';

export class Bundle extends Model<InferAttributes<Bundle>, InferCreationAttributes<Bundle>> {
  declare code: string;
  declare version: number;
  declare name: string;
  declare definition: BundleDefinition;
  declare contentHash: string;
  /** "file": from processes/; "editor": saved through the catalog API by editedBy */
  declare source: CreationOptional<CatalogSource>;
  declare editedBy: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Bundle.init(
      {
        code: { type: DataTypes.STRING(32), primaryKey: true },
        version: { type: DataTypes.INTEGER, primaryKey: true },
        name: { type: DataTypes.STRING(200), allowNull: false },
        definition: jsonColumn('definition'),
        contentHash: { type: DataTypes.STRING(64), allowNull: false },
        source: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'file' },
        editedBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'bundles' },
    );
  }
}
