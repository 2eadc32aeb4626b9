import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The modeler's drafts: one draft per process key, every save a numbered revision (optimistic
 * concurrency on `revision`), and the deployments made from a revision.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('process_drafts', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    process_key: { type: DataTypes.STRING(255), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(200), allowNull: false },
    // the latest revision's number; a save names the one it started from (compare-and-set)
    revision: { type: DataTypes.INTEGER, allowNull: false },
    created_by: { type: DataTypes.STRING(64), allowNull: false },
    updated_by: { type: DataTypes.STRING(64), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });

  await q.createTable('process_draft_revisions', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    draft_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'process_drafts', key: 'id' }, onDelete: 'CASCADE' },
    revision: { type: DataTypes.INTEGER, allowNull: false },
    // up to the 2 MB the policy allows: LONGTEXT on MariaDB (TEXT holds 64 KB)
    xml: { type: DataTypes.TEXT('long'), allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    size: { type: DataTypes.INTEGER, allowNull: false },
    saved_by: { type: DataTypes.STRING(64), allowNull: false },
    saved_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('process_draft_revisions', ['draft_id', 'revision'], { unique: true });

  await q.createTable('modeler_deployments', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    draft_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'process_drafts', key: 'id' }, onDelete: 'CASCADE' },
    revision: { type: DataTypes.INTEGER, allowNull: false },
    process_key: { type: DataTypes.STRING(255), allowNull: false },
    engine_deployment_id: { type: DataTypes.STRING(64), allowNull: false },
    process_definition_id: { type: DataTypes.STRING(255), allowNull: false },
    process_definition_version: { type: DataTypes.INTEGER, allowNull: false },
    deployed_by: { type: DataTypes.STRING(64), allowNull: false },
    deployed_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('modeler_deployments', ['process_key', 'process_definition_version']);
  await q.addIndex('modeler_deployments', ['draft_id']);
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('modeler_deployments');
  await q.dropTable('process_draft_revisions');
  await q.dropTable('process_drafts');
}
