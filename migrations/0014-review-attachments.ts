import { DataTypes, type QueryInterface } from 'sequelize';

/** Files a reviewer adds during review (site photos, test reports …), kept with the step that added them. */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('review_attachments', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'cases', key: 'id' }, onDelete: 'CASCADE' },
    task_id: { type: DataTypes.STRING(64), allowNull: false },
    task_name: { type: DataTypes.STRING(200), allowNull: true },
    attachment_id: { type: DataTypes.STRING(36), allowNull: false },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    note: { type: DataTypes.STRING(500), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('review_attachments', ['case_id']);
  await q.addIndex('review_attachments', ['attachment_id'], { unique: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('review_attachments');
}
