import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The opinion that decided a multi-instance review step (或签's first approval, 会签's first
 * rejection) carries the step's round as its decisive key, unique: of two such decisions at the
 * same moment only one is recorded, the other person is told who decided (server/inbox/step-decision.ts).
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('opinions', 'decisive_key', { type: DataTypes.STRING(64), allowNull: true });
  await q.addIndex('opinions', ['decisive_key'], { unique: true, name: 'opinions_decisive_key' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('opinions', 'opinions_decisive_key');
  await q.removeColumn('opinions', 'decisive_key');
}
