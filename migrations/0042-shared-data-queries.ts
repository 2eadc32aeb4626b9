import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 共享数据 (server/shared-data): every lookup in the population and legal-person registries — who
 * asked (a user, or a system actor such as worker:instant-approval), which registry, whom (the number
 * sealed like all personal data, with its keyed lookup hash for "who looked this person up"), for which
 * case and purpose, what came of it, how long it took, when.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('shared_data_queries', {
    id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
    at: { type: DataTypes.DATE(3), allowNull: false },
    actor: { type: DataTypes.STRING(64), allowNull: false },
    actor_kind: { type: DataTypes.STRING(8), allowNull: false },
    registry: { type: DataTypes.STRING(16), allowNull: false },
    subject: { type: DataTypes.STRING(255), allowNull: false },
    subject_hash: { type: DataTypes.STRING(64), allowNull: false },
    case_no: { type: DataTypes.STRING(32), allowNull: true },
    purpose: { type: DataTypes.STRING(200), allowNull: false },
    outcome: { type: DataTypes.STRING(16), allowNull: false },
    cached: { type: DataTypes.BOOLEAN, allowNull: false },
    latency_ms: { type: DataTypes.INTEGER, allowNull: false },
  });
  await q.addIndex('shared_data_queries', ['at'], { name: 'shared_data_queries_at' });
  await q.addIndex('shared_data_queries', ['actor', 'at'], { name: 'shared_data_queries_actor' });
  await q.addIndex('shared_data_queries', ['case_no'], { name: 'shared_data_queries_case' });
  await q.addIndex('shared_data_queries', ['subject_hash'], { name: 'shared_data_queries_subject' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('shared_data_queries');
}
