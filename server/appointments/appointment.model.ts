import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { sealedColumn, sealedJsonColumn } from '../privacy/sealed-column.ts';
import type { WindowKind } from '../../contract/requests/organization.ts';
import type { PriorityReason } from '../../contract/requests/queue.ts';
import type { BookingStatus, PreparedBody } from '../../contract/requests/appointments.ts';

/** 在线预约: the places taken of one half-hour slot of a hall's window line (migrations/0056-appointments.ts). */
export class AppointmentSlot extends Model<InferAttributes<AppointmentSlot>, InferCreationAttributes<AppointmentSlot>> {
  declare id: CreationOptional<number>;
  declare hallId: number;
  declare day: string;
  declare slot: string;
  declare windowKind: WindowKind;
  declare departmentCode: string;
  declare booked: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    AppointmentSlot.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        hallId: { type: DataTypes.INTEGER, allowNull: false },
        day: { type: DataTypes.STRING(10), allowNull: false },
        slot: { type: DataTypes.STRING(5), allowNull: false },
        windowKind: { type: DataTypes.STRING(16), allowNull: false },
        departmentCode: { type: DataTypes.STRING(32), allowNull: false, defaultValue: '' },
        booked: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'appointment_slots' },
    );
  }
}

/** 在线预约: one person's booking of a slot at a hall for an item or a 一件事, and the application they prepared for it. */
export class Appointment extends Model<InferAttributes<Appointment>, InferCreationAttributes<Appointment>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare userId: number;
  declare personName: string;
  declare phone: string | null;
  declare hallId: number;
  declare targetKind: 'item' | 'bundle';
  declare targetCode: string;
  declare windowKind: WindowKind;
  declare departmentCode: string | null;
  declare priority: PriorityReason | null;
  declare day: string;
  declare slot: string;
  declare startsAt: Date;
  declare endsAt: Date;
  declare status: BookingStatus;
  declare liveKey: string | null;
  declare ticketId: number | null;
  declare ticketNumber: string | null;
  declare checkedInAt: Date | null;
  declare cancelledAt: Date | null;
  declare noShowAt: Date | null;
  declare prepared: PreparedBody | null;
  declare preparedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Appointment.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        code: { type: DataTypes.STRING(16), allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        personName: { type: DataTypes.STRING(255), allowNull: false },
        // 个人信息: the phone sealed at rest (SM4), as a queue ticket's
        phone: sealedColumn('phone', { allowNull: true }),
        hallId: { type: DataTypes.INTEGER, allowNull: false },
        targetKind: { type: DataTypes.STRING(8), allowNull: false },
        targetCode: { type: DataTypes.STRING(64), allowNull: false },
        windowKind: { type: DataTypes.STRING(16), allowNull: false },
        departmentCode: { type: DataTypes.STRING(32), allowNull: true },
        priority: { type: DataTypes.STRING(16), allowNull: true },
        day: { type: DataTypes.STRING(10), allowNull: false },
        slot: { type: DataTypes.STRING(5), allowNull: false },
        startsAt: { type: DataTypes.DATE(3), allowNull: false },
        endsAt: { type: DataTypes.DATE(3), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        liveKey: { type: DataTypes.STRING(120), allowNull: true },
        ticketId: { type: DataTypes.INTEGER, allowNull: true },
        ticketNumber: { type: DataTypes.STRING(16), allowNull: true },
        checkedInAt: { type: DataTypes.DATE(3), allowNull: true },
        cancelledAt: { type: DataTypes.DATE(3), allowNull: true },
        noShowAt: { type: DataTypes.DATE(3), allowNull: true },
        // the form and the materials may hold personal data: sealed as a case's form is
        prepared: sealedJsonColumn('prepared', { allowNull: true }),
        preparedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'appointments' },
    );
  }
}
