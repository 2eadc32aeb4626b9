import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';
import { sealedJsonColumn } from '../privacy/sealed-column.ts';

export type DeliveryMethod = 'logistics' | 'pickup' | 'electronic';
export type DeliveryStatus = 'preparing' | 'in_transit' | 'delivered' | 'returned';
export interface Recipient {
  name: string;
  phone: string;
  address: string;
}
export interface DeliveryEvent {
  event: string;
  at: string;
  eventId?: string;
  note?: string;
}

/** 送达: how a case's results (a bundle's all together, 统一出件) reach the applicant. */
export class Delivery extends Model<InferAttributes<Delivery>, InferCreationAttributes<Delivery>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare method: DeliveryMethod;
  declare status: DeliveryStatus;
  declare shipmentNo: string;
  declare waybillNo: CreationOptional<string | null>;
  declare pickupCode: CreationOptional<string | null>;
  /** wrong pickup codes given since the code was issued (window-pickup.ts: replaced after PICKUP_ATTEMPTS) */
  declare pickupFailures: CreationOptional<number>;
  declare recipient: Recipient | null;
  declare documents: number[];
  declare events: DeliveryEvent[];
  declare deliveredAt: CreationOptional<Date | null>;
  declare handedOverBy: CreationOptional<string | null>;
  /** 对账: when to ask the carrier about the parcel next, in case a callback was lost; null: no more */
  declare nextCheckAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Delivery.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false, unique: true },
        method: { type: DataTypes.STRING(16), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        shipmentNo: { type: DataTypes.STRING(64), allowNull: false, unique: true },
        waybillNo: { type: DataTypes.STRING(64), allowNull: true, unique: true },
        pickupCode: { type: DataTypes.STRING(16), allowNull: true },
        pickupFailures: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        recipient: sealedJsonColumn('recipient', { allowNull: true }),
        documents: jsonColumn('documents'),
        events: jsonColumn('events'),
        deliveredAt: { type: DataTypes.DATE(3), allowNull: true },
        handedOverBy: { type: DataTypes.STRING(64), allowNull: true },
        nextCheckAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'deliveries', timestamps: true },
    );
  }
}
