import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 免申即享 (server/proactive): the offers made to people under a policy (one per policy, occasion
 * and recipient: the same birth never offers twice), and where each feed the policies read from
 * (the registries' events, the birthdays swept) stands.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('proactive_offers', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    policy_code: { type: DataTypes.STRING(50), allowNull: false },
    /** what raised it: the registry event's id, or the birthday ("80@1946-12-10") */
    occasion: { type: DataTypes.STRING(80), allowNull: false },
    subject_name: { type: DataTypes.STRING(100), allowNull: false },
    subject_id_no: { type: DataTypes.STRING(255), allowNull: false },
    recipient_name: { type: DataTypes.STRING(100), allowNull: false },
    recipient_id_no: { type: DataTypes.STRING(255), allowNull: false },
    recipient_hash: { type: DataTypes.STRING(64), allowNull: false },
    recipient_relation: { type: DataTypes.STRING(16), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    decision: { type: DataTypes.TEXT, allowNull: false },
    case_no: { type: DataTypes.STRING(32), allowNull: true },
    reason: { type: DataTypes.STRING(500), allowNull: true },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    decided_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('proactive_offers', ['policy_code', 'occasion', 'recipient_hash'], { unique: true, name: 'proactive_offers_once' });
  await q.addIndex('proactive_offers', ['recipient_hash', 'status'], { name: 'proactive_offers_recipient' });
  await q.addIndex('proactive_offers', ['policy_code', 'occasion'], { name: 'proactive_offers_occasion' });
  await q.createTable('proactive_feeds', {
    name: { type: DataTypes.STRING(40), primaryKey: true },
    position: { type: DataTypes.STRING(200), allowNull: true },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('proactive_feeds');
  await q.dropTable('proactive_offers');
}
