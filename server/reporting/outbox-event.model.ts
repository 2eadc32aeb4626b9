import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';
import { sealedJsonColumn } from '../privacy/sealed-column.ts';
import type { ExchangeApplicant, ExchangeEvent, ExchangeEventType } from '../gateways/province/index.ts';

export type OutboxState = 'pending' | 'sent' | 'dead';

/**
 * 办件数据汇聚: one case event the provincial exchange takes, queued in the transaction of the event
 * (the timeline entry, the rating) and sent by the sender (sender.ts). `payload` is the message
 * without the applicant; `personal` is the applicant of an 申办, sealed (server/privacy).
 */
export class OutboxEvent extends Model<InferAttributes<OutboxEvent>, InferCreationAttributes<OutboxEvent>> {
  declare id: CreationOptional<number>;
  declare eventId: string;
  declare caseId: number;
  declare caseNo: string;
  declare eventType: ExchangeEventType;
  declare occurredAt: Date;
  declare day: string;
  declare payload: Omit<ExchangeEvent, 'applicant'>;
  declare personal: ExchangeApplicant | null;
  /** live: queued with its event; backfill: queued later by 存量回传 (its lag means nothing) */
  declare origin: CreationOptional<'live' | 'backfill'>;
  declare state: CreationOptional<OutboxState>;
  declare attempts: CreationOptional<number>;
  declare nextAttemptAt: Date;
  declare lastError: CreationOptional<string | null>;
  declare acknowledgement: CreationOptional<'accepted' | 'duplicate' | null>;
  declare acknowledgedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    OutboxEvent.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        eventId: { type: DataTypes.STRING(64), allowNull: false, unique: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        caseNo: { type: DataTypes.STRING(32), allowNull: false },
        eventType: { type: DataTypes.STRING(16), allowNull: false },
        occurredAt: { type: DataTypes.DATE(3), allowNull: false },
        day: { type: DataTypes.STRING(10), allowNull: false },
        payload: jsonColumn('payload'),
        personal: sealedJsonColumn('personal', { allowNull: true }),
        origin: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'live' },
        state: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'pending' },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        nextAttemptAt: { type: DataTypes.DATE(3), allowNull: false },
        lastError: { type: DataTypes.STRING(500), allowNull: true },
        acknowledgement: { type: DataTypes.STRING(12), allowNull: true },
        acknowledgedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'province_outbox' },
    );
  }
}

/** 对账: one check of a Beijing day's counts, the platform's beside the exchange's. */
export class Reconciliation extends Model<InferAttributes<Reconciliation>, InferCreationAttributes<Reconciliation>> {
  declare id: CreationOptional<number>;
  declare day: string;
  declare platformCounts: Partial<Record<ExchangeEventType, number>>;
  declare exchangeCounts: Partial<Record<ExchangeEventType, number>>;
  declare matched: boolean;
  /** an administrator's user name, or system:reconcile */
  declare checkedBy: string;
  declare checkedAt: Date;

  static initModel(sequelize: Sequelize): void {
    Reconciliation.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        day: { type: DataTypes.STRING(10), allowNull: false },
        platformCounts: jsonColumn('platformCounts'),
        exchangeCounts: jsonColumn('exchangeCounts'),
        matched: { type: DataTypes.BOOLEAN, allowNull: false },
        checkedBy: { type: DataTypes.STRING(64), allowNull: false },
        checkedAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'province_reconciliations', timestamps: false },
    );
  }
}
