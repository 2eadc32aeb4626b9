import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** 审计日志: one row per act, append-only, chained to the row before by `hash` (chain.ts). */
export class AuditEvent extends Model<InferAttributes<AuditEvent>, InferCreationAttributes<AuditEvent>> {
  declare id: CreationOptional<number>;
  declare at: Date;
  /** the user name, `system:<part>`, or null for an anonymous caller */
  declare actor: string | null;
  declare clientAddress: string | null;
  /** what was done, `<domain>.<act>`, e.g. `auth.login_failed`, `calendar.override_removed` */
  declare action: string;
  /** what it was done to, `<kind>:<id>`, e.g. `case:430100…`, `seal:12` */
  declare target: string | null;
  declare outcome: 'success' | 'failure';
  /** JSON text of what else matters (kept as written: the hash covers these exact bytes) */
  declare detail: string;
  declare prevHash: string;
  declare hash: string;

  static initModel(sequelize: Sequelize): void {
    AuditEvent.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        at: { type: DataTypes.DATE(3), allowNull: false },
        actor: { type: DataTypes.STRING(64), allowNull: true },
        clientAddress: { type: DataTypes.STRING(64), allowNull: true, field: 'client_address' },
        action: { type: DataTypes.STRING(64), allowNull: false },
        target: { type: DataTypes.STRING(128), allowNull: true },
        outcome: { type: DataTypes.STRING(16), allowNull: false },
        detail: { type: DataTypes.TEXT, allowNull: false },
        prevHash: { type: DataTypes.STRING(64), allowNull: false, field: 'prev_hash' },
        hash: { type: DataTypes.STRING(64), allowNull: false },
      },
      { sequelize, tableName: 'audit_events', timestamps: false },
    );
  }
}

/** The chain's end: the last row's id and hash (one row, id 1). Appends lock it. */
export class AuditChainHead extends Model<InferAttributes<AuditChainHead>, InferCreationAttributes<AuditChainHead>> {
  declare id: number;
  declare lastId: number;
  declare lastHash: string;

  static initModel(sequelize: Sequelize): void {
    AuditChainHead.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true },
        lastId: { type: DataTypes.BIGINT, allowNull: false, field: 'last_id' },
        lastHash: { type: DataTypes.STRING(64), allowNull: false, field: 'last_hash' },
      },
      { sequelize, tableName: 'audit_chain_head', timestamps: false },
    );
  }
}
