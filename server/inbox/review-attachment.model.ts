import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** A file a reviewer added to a case during review, with the step and who added it. */
export class ReviewAttachment extends Model<InferAttributes<ReviewAttachment>, InferCreationAttributes<ReviewAttachment>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare taskId: string;
  declare taskName: string | null;
  declare attachmentId: string;
  declare userId: number;
  declare note: string | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ReviewAttachment.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        taskId: { type: DataTypes.STRING(64), allowNull: false },
        taskName: { type: DataTypes.STRING(200), allowNull: true },
        attachmentId: { type: DataTypes.STRING(36), allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        note: { type: DataTypes.STRING(500), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'review_attachments' },
    );
  }
}
