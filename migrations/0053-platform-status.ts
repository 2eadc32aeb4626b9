import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 系统状态 (运维监控): what the page shows of the installation beyond one process.
 * - `platform_nodes`: a row per running server node (server/scheduling/nodes.ts), its id the holder
 *   id its scheduler leases carry, refreshed every 15 s and removed when the node stops; a row not
 *   refreshed for a minute is a node that died or lost the database.
 * - `backup_runs`: every `npm run backup` (scripts/backup/record-run.ts), refused or failed ones too.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('platform_nodes', {
    node_id: { type: DataTypes.STRING(255), primaryKey: true },
    host_name: { type: DataTypes.STRING(200), allowNull: false },
    pid: { type: DataTypes.INTEGER, allowNull: false },
    version: { type: DataTypes.STRING(64), allowNull: false },
    started_at: { type: DataTypes.DATE(3), allowNull: false },
    last_seen_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.createTable('backup_runs', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    started_at: { type: DataTypes.DATE(3), allowNull: false },
    finished_at: { type: DataTypes.DATE(3), allowNull: false },
    /** the backup folder, as the command resolved it */
    location: { type: DataTypes.STRING(1000), allowNull: false },
    /** embedded (SQLite + H2) or mariadb; null when refused before it was known */
    profile: { type: DataTypes.STRING(16), allowNull: true },
    /** the databases written, in words (e.g. "app: sqlite, engine: h2") */
    database_kinds: { type: DataTypes.STRING(500), allowNull: true },
    files: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    stored_objects: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    total_bytes: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    outcome: { type: DataTypes.STRING(16), allowNull: false },
    error: { type: DataTypes.TEXT, allowNull: true },
  });
  await q.addIndex('backup_runs', ['outcome', 'finished_at'], { name: 'backup_runs_outcome' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('backup_runs');
  await q.dropTable('platform_nodes');
}
