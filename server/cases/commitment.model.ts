import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** 告知承诺 (replacement), 容缺 (deferral), and 免提交 by shared data (shared: 免申即享) */
export type CommitmentKind = 'replacement' | 'deferral' | 'shared';

/**
 * A signed commitment: 告知承诺 ("replacement": it stands in for the material for good) or
 * 容缺受理 ("deferral": the material follows by dueAt). What was signed, by whom and when, with a
 * hash of all of it.
 */
export class Commitment extends Model<InferAttributes<Commitment>, InferCreationAttributes<Commitment>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare materialCode: string;
  declare text: string;
  declare signerName: string;
  declare signerIdNo: string;
  declare signedAt: Date;
  declare sha256: string;
  declare kind: CreationOptional<CommitmentKind>;
  /** a deferral's due time, set at acceptance in working days */
  declare dueAt: CreationOptional<Date | null>;
  declare fulfilledAt: CreationOptional<Date | null>;

  static initModel(sequelize: Sequelize): void {
    Commitment.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        materialCode: { type: DataTypes.STRING(64), allowNull: false },
        text: { type: DataTypes.TEXT, allowNull: false },
        signerName: { type: DataTypes.STRING(100), allowNull: false },
        signerIdNo: { type: DataTypes.STRING(32), allowNull: false },
        signedAt: { type: DataTypes.DATE(3), allowNull: false },
        sha256: { type: DataTypes.STRING(64), allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'replacement' },
        dueAt: { type: DataTypes.DATE(3), allowNull: true },
        fulfilledAt: { type: DataTypes.DATE(3), allowNull: true },
      },
      { sequelize, tableName: 'commitments' },
    );
  }
}
