import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';

export type PaymentStatus = 'unpaid' | 'paid' | 'expired' | 'refunded';
export interface FeeLine {
  caseNo: string;
  itemCode: string;
  name: string;
  /** the fee's English name and basis (absent on lines ordered before the catalog had them) */
  nameEn?: string;
  amountFen: number;
  basis: string;
  basisEn?: string;
}

/** 统一支付: one order for a case (a bundle pays once for all its items). */
export class Payment extends Model<InferAttributes<Payment>, InferCreationAttributes<Payment>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare merchantOrderNo: string;
  declare orderNo: string | null;
  declare amountFen: number;
  declare lines: FeeLine[];
  declare subject: string;
  declare status: PaymentStatus;
  declare payUrl: string | null;
  declare expiresAt: Date;
  /** 对账: when to ask the gateway about the order next, in case its notification was lost; null: no more */
  declare nextCheckAt: CreationOptional<Date | null>;
  declare paidAt: CreationOptional<Date | null>;
  declare refundNo: CreationOptional<string | null>;
  declare refundedAt: CreationOptional<Date | null>;
  declare refundReason: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Payment.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        merchantOrderNo: { type: DataTypes.STRING(64), allowNull: false, unique: true },
        orderNo: { type: DataTypes.STRING(64), allowNull: true },
        amountFen: { type: DataTypes.INTEGER, allowNull: false },
        lines: jsonColumn('lines'),
        subject: { type: DataTypes.STRING(200), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        payUrl: { type: DataTypes.STRING(500), allowNull: true },
        expiresAt: { type: DataTypes.DATE(3), allowNull: false },
        nextCheckAt: { type: DataTypes.DATE(3), allowNull: true },
        paidAt: { type: DataTypes.DATE(3), allowNull: true },
        refundNo: { type: DataTypes.STRING(64), allowNull: true },
        refundedAt: { type: DataTypes.DATE(3), allowNull: true },
        refundReason: { type: DataTypes.STRING(200), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'payments', timestamps: true },
    );
  }
}
