import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { lookupHashColumn, sealedColumn } from '../privacy/sealed-column.ts';

export const REGISTRY_NAMES = ['population', 'legal_person'] as const;
export type RegistryName = (typeof REGISTRY_NAMES)[number];

/** found / not found / the registry could not be reached / the registry refused the request */
export const QUERY_OUTCOMES = ['found', 'not_found', 'unavailable', 'rejected'] as const;
export type QueryOutcome = (typeof QUERY_OUTCOMES)[number];

/** One lookup in the registries (migration 0042): who, which registry, whom (sealed), for which case, what came of it. */
export class SharedDataQuery extends Model<InferAttributes<SharedDataQuery>, InferCreationAttributes<SharedDataQuery>> {
  declare id: CreationOptional<number>;
  declare at: Date;
  /** a user name, or a system actor such as worker:instant-approval */
  declare actor: string;
  declare actorKind: 'user' | 'system';
  declare registry: RegistryName;
  /** the ID number or credit code looked up (sealed at rest; read in clear, shown masked) */
  declare subject: string;
  declare subjectHash: CreationOptional<string>;
  declare caseNo: string | null;
  declare purpose: string;
  declare outcome: QueryOutcome;
  /** answered from the short cache, not by the registry */
  declare cached: boolean;
  declare latencyMs: number;

  static initModel(sequelize: Sequelize): void {
    SharedDataQuery.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        at: { type: DataTypes.DATE(3), allowNull: false },
        actor: { type: DataTypes.STRING(64), allowNull: false },
        actorKind: { type: DataTypes.STRING(8), allowNull: false },
        registry: { type: DataTypes.STRING(16), allowNull: false },
        subject: sealedColumn('subject', { hashField: 'subjectHash' }),
        subjectHash: { ...lookupHashColumn(), allowNull: false },
        caseNo: { type: DataTypes.STRING(32), allowNull: true },
        purpose: { type: DataTypes.STRING(200), allowNull: false },
        outcome: { type: DataTypes.STRING(16), allowNull: false },
        cached: { type: DataTypes.BOOLEAN, allowNull: false },
        latencyMs: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, tableName: 'shared_data_queries', timestamps: false, underscored: true },
    );
  }
}
