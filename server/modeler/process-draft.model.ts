import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** A process being drawn in the modeler: its key, and the number of its latest revision. */
export class ProcessDraft extends Model<InferAttributes<ProcessDraft>, InferCreationAttributes<ProcessDraft>> {
  declare id: CreationOptional<number>;
  declare processKey: string;
  declare name: string;
  declare revision: number;
  declare createdBy: string;
  declare updatedBy: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ProcessDraft.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        processKey: { type: DataTypes.STRING(255), allowNull: false, unique: true },
        name: { type: DataTypes.STRING(200), allowNull: false },
        revision: { type: DataTypes.INTEGER, allowNull: false },
        createdBy: { type: DataTypes.STRING(64), allowNull: false },
        updatedBy: { type: DataTypes.STRING(64), allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'process_drafts', timestamps: true },
    );
  }
}

/** One saved state of a draft's BPMN; never changed once written. */
export class ProcessDraftRevision extends Model<InferAttributes<ProcessDraftRevision>, InferCreationAttributes<ProcessDraftRevision>> {
  declare id: CreationOptional<number>;
  declare draftId: number;
  declare revision: number;
  declare xml: string;
  declare sha256: string;
  declare size: number;
  declare savedBy: string;
  declare savedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ProcessDraftRevision.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        draftId: { type: DataTypes.INTEGER, allowNull: false },
        revision: { type: DataTypes.INTEGER, allowNull: false },
        xml: { type: DataTypes.TEXT('long'), allowNull: false },
        sha256: { type: DataTypes.STRING(64), allowNull: false },
        size: { type: DataTypes.INTEGER, allowNull: false },
        savedBy: { type: DataTypes.STRING(64), allowNull: false },
        savedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'process_draft_revisions' },
    );
  }
}

/** A deployment to the engine made from a draft revision through the modeler. */
export class ModelerDeployment extends Model<InferAttributes<ModelerDeployment>, InferCreationAttributes<ModelerDeployment>> {
  declare id: CreationOptional<number>;
  declare draftId: number;
  declare revision: number;
  declare processKey: string;
  declare engineDeploymentId: string;
  declare processDefinitionId: string;
  declare processDefinitionVersion: number;
  declare deployedBy: string;
  declare deployedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ModelerDeployment.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        draftId: { type: DataTypes.INTEGER, allowNull: false },
        revision: { type: DataTypes.INTEGER, allowNull: false },
        processKey: { type: DataTypes.STRING(255), allowNull: false },
        engineDeploymentId: { type: DataTypes.STRING(64), allowNull: false },
        processDefinitionId: { type: DataTypes.STRING(255), allowNull: false },
        processDefinitionVersion: { type: DataTypes.INTEGER, allowNull: false },
        deployedBy: { type: DataTypes.STRING(64), allowNull: false },
        deployedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'modeler_deployments' },
    );
  }
}
