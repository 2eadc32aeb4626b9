import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Files handed over (server/attachments/grants.ts): an applicant's uploads a window clerk may put
 * into a case for them — those of a booking's prepared application (在线预约), granted to the clerk
 * who opens the checked-in booking at the window. Nothing else lets staff submit another person's
 * upload.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('attachment_grants', {
    attachment_id: { type: DataTypes.STRING(36), primaryKey: true },
    user_id: { type: DataTypes.INTEGER, primaryKey: true },
    /** why, e.g. "appointment:<code>" */
    granted_for: { type: DataTypes.STRING(100), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('attachment_grants');
}
