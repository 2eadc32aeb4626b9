import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 对账: when to ask the payment gateway about an order next, and the carrier about a parcel, in
 * case a notification was lost. What is still open after the upgrade is asked at the first round.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('payments', 'next_check_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.addIndex('payments', ['status', 'next_check_at'], { name: 'payments_reconciliation' });
  await q.bulkUpdate('payments', { next_check_at: new Date(0) }, { status: ['unpaid', 'expired'] });
  await q.addColumn('deliveries', 'next_check_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.addIndex('deliveries', ['status', 'next_check_at'], { name: 'deliveries_reconciliation' });
  await q.bulkUpdate('deliveries', { next_check_at: new Date(0) }, { method: 'logistics', status: ['preparing', 'in_transit'] });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('deliveries', 'deliveries_reconciliation');
  await q.removeColumn('deliveries', 'next_check_at');
  await q.removeIndex('payments', 'payments_reconciliation');
  await q.removeColumn('payments', 'next_check_at');
}
