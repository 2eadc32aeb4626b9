import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { sealedColumn } from '../privacy/sealed-column.ts';
import type { WindowKind } from '../../contract/requests/organization.ts';
import type { PriorityReason, TicketSource, TicketStatus } from '../../contract/requests/queue.ts';

/** 排队叫号: one person's ticket for one visit to a hall (migrations/0055-queue-tickets.ts). */
export class QueueTicket extends Model<InferAttributes<QueueTicket>, InferCreationAttributes<QueueTicket>> {
  declare id: CreationOptional<number>;
  declare hallId: number;
  declare serviceDay: string;
  declare windowKind: WindowKind;
  declare prefix: string;
  declare seq: number;
  declare number: string;
  declare departmentCode: string | null;
  declare itemCode: string | null;
  declare source: TicketSource;
  declare bookingId: number | null;
  declare personName: string | null;
  declare phone: string | null;
  declare priority: PriorityReason | null;
  declare status: TicketStatus;
  declare windowId: number | null;
  declare windowNumber: string | null;
  declare calledBy: number | null;
  declare callCount: CreationOptional<number>;
  declare takenAt: Date;
  declare calledAt: Date | null;
  declare servedAt: Date | null;
  declare finishedAt: Date | null;
  declare waitSeconds: number | null;
  declare caseNo: string | null;
  /** `<day>:<window id>` while called or served, else null: unique (one ticket at a time per window) */
  declare busyWindowKey: string | null;
  declare token: string;
  declare ratingLevel: number | null;
  /** the 差评's reasons, comma-separated codes (contract/requests/ratings.ts) */
  declare ratingReasons: string | null;
  declare ratingComment: string | null;
  declare ratedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    QueueTicket.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        hallId: { type: DataTypes.INTEGER, allowNull: false },
        serviceDay: { type: DataTypes.STRING(10), allowNull: false },
        windowKind: { type: DataTypes.STRING(16), allowNull: false },
        prefix: { type: DataTypes.STRING(1), allowNull: false },
        seq: { type: DataTypes.INTEGER, allowNull: false },
        number: { type: DataTypes.STRING(16), allowNull: false },
        departmentCode: { type: DataTypes.STRING(32), allowNull: true },
        itemCode: { type: DataTypes.STRING(64), allowNull: true },
        source: { type: DataTypes.STRING(16), allowNull: false },
        bookingId: { type: DataTypes.INTEGER, allowNull: true },
        // 个人信息: the name as a case keeps its applicant's, the phone sealed at rest (SM4)
        personName: { type: DataTypes.STRING(255), allowNull: true },
        phone: sealedColumn('phone', { allowNull: true }),
        priority: { type: DataTypes.STRING(16), allowNull: true },
        status: { type: DataTypes.STRING(16), allowNull: false },
        windowId: { type: DataTypes.INTEGER, allowNull: true },
        windowNumber: { type: DataTypes.STRING(16), allowNull: true },
        calledBy: { type: DataTypes.INTEGER, allowNull: true },
        callCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        takenAt: { type: DataTypes.DATE(3), allowNull: false },
        calledAt: { type: DataTypes.DATE(3), allowNull: true },
        servedAt: { type: DataTypes.DATE(3), allowNull: true },
        finishedAt: { type: DataTypes.DATE(3), allowNull: true },
        waitSeconds: { type: DataTypes.INTEGER, allowNull: true },
        caseNo: { type: DataTypes.STRING(32), allowNull: true },
        busyWindowKey: { type: DataTypes.STRING(32), allowNull: true },
        token: { type: DataTypes.STRING(32), allowNull: false },
        ratingLevel: { type: DataTypes.INTEGER, allowNull: true },
        ratingReasons: { type: DataTypes.TEXT, allowNull: true },
        ratingComment: { type: DataTypes.STRING(500), allowNull: true },
        ratedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'queue_tickets' },
    );
  }
}
