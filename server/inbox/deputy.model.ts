import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** Out-of-office delegation: userId is away from startsAt to endsAt and deputyUserId stands in. */
export class Deputy extends Model<InferAttributes<Deputy>, InferCreationAttributes<Deputy>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare deputyUserId: number;
  declare startsAt: Date;
  declare endsAt: Date;
  declare reason: string;
  declare createdAt: CreationOptional<Date>;

  activeAt(at: Date = new Date()): boolean {
    return this.startsAt <= at && at < this.endsAt;
  }

  static initModel(sequelize: Sequelize): void {
    Deputy.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        deputyUserId: { type: DataTypes.INTEGER, allowNull: false },
        startsAt: { type: DataTypes.DATE(3), allowNull: false },
        endsAt: { type: DataTypes.DATE(3), allowNull: false },
        reason: { type: DataTypes.STRING(200), allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'deputies' },
    );
  }
}
