import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from './json.ts';

/** 电子印章: a department's seal image bound to a signing certificate, and who may use it. */
export class Seal extends Model<InferAttributes<Seal>, InferCreationAttributes<Seal>> {
  declare id: CreationOptional<number>;
  declare departmentCode: string;
  declare name: string;
  declare image: Buffer;
  declare certificateP12: Buffer;
  /** encrypted with the server's seal key */
  declare p12Password: string;
  declare certificateSubject: string;
  declare certificateSerial: string;
  declare validFrom: Date;
  declare validUntil: Date;
  /** usernames and "<department>:<role>" groups allowed to use it */
  declare users: string[];
  declare active: CreationOptional<boolean>;
  declare createdBy: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Seal.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        departmentCode: { type: DataTypes.STRING(32), allowNull: false },
        name: { type: DataTypes.STRING(100), allowNull: false },
        image: { type: DataTypes.BLOB, allowNull: false },
        certificateP12: { type: DataTypes.BLOB, allowNull: false },
        p12Password: { type: DataTypes.STRING(400), allowNull: false },
        certificateSubject: { type: DataTypes.STRING(400), allowNull: false },
        certificateSerial: { type: DataTypes.STRING(80), allowNull: false },
        validFrom: { type: DataTypes.DATE(3), allowNull: false },
        validUntil: { type: DataTypes.DATE(3), allowNull: false },
        users: jsonColumn('users'),
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        createdBy: { type: DataTypes.STRING(64), allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'seals', timestamps: true },
    );
  }
}

/** Every use of a seal: which document of which case, for what, by whom (a person or a worker). */
export class SealUse extends Model<InferAttributes<SealUse>, InferCreationAttributes<SealUse>> {
  declare id: CreationOptional<number>;
  declare sealId: number;
  declare caseId: number | null;
  declare documentId: number | null;
  declare purpose: string;
  declare usedBy: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SealUse.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        sealId: { type: DataTypes.INTEGER, allowNull: false },
        caseId: { type: DataTypes.INTEGER, allowNull: true },
        documentId: { type: DataTypes.INTEGER, allowNull: true },
        purpose: { type: DataTypes.STRING(200), allowNull: false },
        usedBy: { type: DataTypes.STRING(64), allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'seal_uses' },
    );
  }
}

export type DocumentKind = 'decision_approved' | 'decision_refused' | 'e_license' | 'notice';

/** A sealed and signed result document of a case; the PDF is a file in the document store. */
export class ResultDocument extends Model<InferAttributes<ResultDocument>, InferCreationAttributes<ResultDocument>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare kind: DocumentKind;
  /** what it was made from, unique per case: 'decision', 'e_license:<type>', 'notice:<timeline entry id>' */
  declare source: string;
  declare title: string;
  declare sha256: string;
  declare storageKey: string;
  declare size: number;
  declare sealId: number;
  declare eLicenseId: number | null;
  declare signedAt: Date;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ResultDocument.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(32), allowNull: false },
        source: { type: DataTypes.STRING(120), allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: false },
        sha256: { type: DataTypes.STRING(64), allowNull: false },
        storageKey: { type: DataTypes.STRING(200), allowNull: false },
        size: { type: DataTypes.INTEGER, allowNull: false },
        sealId: { type: DataTypes.INTEGER, allowNull: false },
        eLicenseId: { type: DataTypes.INTEGER, allowNull: true },
        signedAt: { type: DataTypes.DATE(3), allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'documents' },
    );
  }
}

export type PaymentStatus = 'unpaid' | 'paid' | 'expired' | 'refunded';
export interface FeeLine {
  caseNo: string;
  itemCode: string;
  name: string;
  amountFen: number;
  basis: string;
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
        recipient: { ...jsonColumn('recipient'), allowNull: true },
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
