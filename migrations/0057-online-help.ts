import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 线上帮办 (server/online-help): an applicant's request for help on an online application, taken by
 * a helper of the centre (政务服务中心的窗口人员), and its conversation: the messages and every act
 * (joined, consent given and withdrawn, a field filled by the helper and confirmed by the applicant,
 * closed, rated). The applicant's form as last sent is kept on the request, personal fields masked.
 */
export async function up(q: QueryInterface): Promise<void> {
  // a form of many fields in Chinese outgrows MariaDB's TEXT (64 KB)
  const mediumText = q.sequelize.getDialect() === 'sqlite' ? DataTypes.TEXT : DataTypes.TEXT('medium');
  await q.createTable('online_help_requests', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    applicant_id: { type: DataTypes.INTEGER, allowNull: false },
    applicant_name: { type: DataTypes.STRING(100), allowNull: false },
    item_code: { type: DataTypes.STRING(64), allowNull: true },
    bundle_code: { type: DataTypes.STRING(32), allowNull: true },
    subject_name: { type: DataTypes.STRING(200), allowNull: false },
    case_no: { type: DataTypes.STRING(32), allowNull: true },
    /** where the applicant applies (the centre of that region answers); null: the platform's own */
    region_code: { type: DataTypes.STRING(12), allowNull: true },
    status: { type: DataTypes.STRING(16), allowNull: false },
    helper_id: { type: DataTypes.INTEGER, allowNull: true },
    helper_name: { type: DataTypes.STRING(100), allowNull: true },
    joined_at: { type: DataTypes.DATE(3), allowNull: true },
    consent: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    form: { type: mediumText, allowNull: true },
    form_at: { type: DataTypes.DATE(3), allowNull: true },
    closed_at: { type: DataTypes.DATE(3), allowNull: true },
    closed_by: { type: DataTypes.INTEGER, allowNull: true },
    closed_by_name: { type: DataTypes.STRING(100), allowNull: true },
    resolved: { type: DataTypes.BOOLEAN, allowNull: true },
    resolution_note: { type: DataTypes.STRING(500), allowNull: true },
    rating: { type: DataTypes.INTEGER, allowNull: true },
    rating_comment: { type: DataTypes.STRING(500), allowNull: true },
    rated_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    /** while the request is open: "<applicant>:<item>:<bundle>", unique, so two asks at once open one request; null once closed */
    open_key: { type: DataTypes.STRING(120), allowNull: true },
  });
  await q.addIndex('online_help_requests', ['open_key'], { name: 'online_help_one_open', unique: true });
  await q.addIndex('online_help_requests', ['status', 'created_at'], { name: 'online_help_open' });
  await q.addIndex('online_help_requests', ['applicant_id', 'created_at'], { name: 'online_help_applicant' });
  await q.addIndex('online_help_requests', ['created_at'], { name: 'online_help_created' });
  await q.createTable('online_help_entries', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    request_id: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(20), allowNull: false },
    author_id: { type: DataTypes.INTEGER, allowNull: false },
    author_name: { type: DataTypes.STRING(100), allowNull: false },
    /** applicant or helper */
    author_side: { type: DataTypes.STRING(10), allowNull: false },
    text: { type: DataTypes.TEXT, allowNull: true },
    field: { type: DataTypes.STRING(100), allowNull: true },
    /** a filled field's value (JSON) */
    value: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('online_help_entries', ['request_id', 'id'], { name: 'online_help_entries_request' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('online_help_entries');
  await q.dropTable('online_help_requests');
}
