import type { QueryInterface } from 'sequelize';

/**
 * 统一出件: the hall's pickup queue (server/deliveries/pickup-queue.ts) reads the deliveries still
 * to be handed over that carry a pickup code, joined to their cases by key and filtered by the
 * hall's region in the same query; this index finds those deliveries without reading every
 * delivered one (most deliveries are done, and most carry no code).
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addIndex('deliveries', ['status', 'pickup_code'], { name: 'deliveries_pickup_waiting' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('deliveries', 'deliveries_pickup_waiting');
}
