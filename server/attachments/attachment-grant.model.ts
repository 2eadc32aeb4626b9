import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** An upload handed over to someone other than its uploader (./grants.ts). */
export class AttachmentGrant extends Model<InferAttributes<AttachmentGrant>, InferCreationAttributes<AttachmentGrant>> {
  declare attachmentId: string;
  declare userId: number;
  declare grantedFor: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    AttachmentGrant.init(
      {
        attachmentId: { type: DataTypes.STRING(36), primaryKey: true },
        userId: { type: DataTypes.INTEGER, primaryKey: true },
        grantedFor: { type: DataTypes.STRING(100), allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'attachment_grants' },
    );
  }
}
