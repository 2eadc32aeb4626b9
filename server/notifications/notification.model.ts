import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** How long a notification's text may be, in either language (the columns' length). */
export const NOTIFICATION_TEXT_LENGTH = 500;

/** A notification to one person: urged (催办), copied (抄送), sent back (退回) … */
export class Notification extends Model<InferAttributes<Notification>, InferCreationAttributes<Notification>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare kind: string;
  declare caseNo: string | null;
  declare taskId: string | null;
  /** in Chinese, the platform's language */
  declare text: string;
  /** in English; null on the notifications recorded before it was kept (they show the Chinese text) */
  declare textEn: string | null;
  declare readAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Notification.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(32), allowNull: false },
        caseNo: { type: DataTypes.STRING(32), allowNull: true },
        taskId: { type: DataTypes.STRING(64), allowNull: true },
        text: { type: DataTypes.STRING(NOTIFICATION_TEXT_LENGTH), allowNull: false },
        textEn: { type: DataTypes.STRING(NOTIFICATION_TEXT_LENGTH), allowNull: true },
        readAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'notifications' },
    );
  }
}
