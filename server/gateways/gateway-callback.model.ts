import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** Every callback a gateway sent us, acted on or not (forged and unknown ones are kept as evidence). */
export class GatewayCallback extends Model<InferAttributes<GatewayCallback>, InferCreationAttributes<GatewayCallback>> {
  declare id: CreationOptional<number>;
  declare gateway: 'payment' | 'logistics';
  declare eventId: string | null;
  declare subject: string | null;
  declare outcome: 'recorded' | 'duplicate' | 'refused';
  declare problem: string | null;
  declare body: string;
  declare remoteAddress: string | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    GatewayCallback.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        gateway: { type: DataTypes.STRING(16), allowNull: false },
        eventId: { type: DataTypes.STRING(80), allowNull: true },
        subject: { type: DataTypes.STRING(80), allowNull: true },
        outcome: { type: DataTypes.STRING(16), allowNull: false },
        problem: { type: DataTypes.STRING(200), allowNull: true },
        body: { type: DataTypes.TEXT, allowNull: false },
        remoteAddress: { type: DataTypes.STRING(64), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'gateway_callbacks' },
    );
  }
}
