import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export class Attachment extends Model<InferAttributes<Attachment>, InferCreationAttributes<Attachment>> {
  declare id: string;
  declare originalName: string;
  declare mimeType: string;
  declare sizeBytes: number;
  /** kept for outside parties (./file-hashes.ts) */
  declare sha256: string;
  /** the integrity hash the platform checks (密评); null on a row from before SM3 until `npm run attachments:sm3` */
  declare sm3: string | null;
  declare storageKey: string;
  declare uploadedBy: number;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Attachment.init(
      {
        id: { type: DataTypes.STRING(36), primaryKey: true },
        originalName: { type: DataTypes.STRING(255), allowNull: false },
        mimeType: { type: DataTypes.STRING(100), allowNull: false },
        sizeBytes: { type: DataTypes.INTEGER, allowNull: false },
        sha256: { type: DataTypes.STRING(64), allowNull: false },
        sm3: { type: DataTypes.STRING(64), allowNull: true },
        storageKey: { type: DataTypes.STRING(255), allowNull: false },
        uploadedBy: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'attachments' },
    );
  }
}
