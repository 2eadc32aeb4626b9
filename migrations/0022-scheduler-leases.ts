import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Several server nodes: each scheduler (the deadline sweep, payment reconciliation, parcel
 * tracking) runs on the one node that holds its lease (server/scheduling/lease.ts). A row per
 * scheduler, made by the first node that asks for it; `holder` is null once released, and the
 * lease is free to take once `expires_at` (the database's clock, UTC) has passed.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('scheduler_leases', {
    name: { type: DataTypes.STRING(100), primaryKey: true },
    // host name, process id and a random part: two schedulers of one process are two holders
    holder: { type: DataTypes.STRING(255), allowNull: true },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('scheduler_leases');
}
