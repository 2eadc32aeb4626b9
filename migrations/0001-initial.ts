import { DataTypes, type QueryInterface } from 'sequelize';

/** The app schema's first version: accounts, catalog, attachments, cases and their history. */
export async function up(q: QueryInterface): Promise<void> {
  const now = { type: DataTypes.DATE(3), allowNull: false };
  // LONGTEXT on MySQL/MariaDB (forms and definitions can pass 64 KB); SQLite's TEXT has no size
  const longText = q.sequelize.getDialect() === 'sqlite' ? DataTypes.TEXT : DataTypes.TEXT('long');

  await q.createTable('departments', {
    code: { type: DataTypes.STRING(32), primaryKey: true },
    name_zh: { type: DataTypes.STRING(100), allowNull: false },
    name_en: { type: DataTypes.STRING(100), allowNull: false },
    created_at: now,
  });

  await q.createTable('users', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    display_name: { type: DataTypes.STRING(100), allowNull: false },
    password_hash: { type: DataTypes.STRING(255), allowNull: false },
    roles: { type: DataTypes.TEXT, allowNull: false },
    department_code: { type: DataTypes.STRING(32), allowNull: true, references: { model: 'departments', key: 'code' } },
    id_no: { type: DataTypes.STRING(32), allowNull: true },
    phone: { type: DataTypes.STRING(20), allowNull: true },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: now,
    updated_at: now,
  });

  await q.createTable('items', {
    code: { type: DataTypes.STRING(64), primaryKey: true },
    version: { type: DataTypes.INTEGER, primaryKey: true },
    name: { type: DataTypes.STRING(200), allowNull: false },
    department_code: { type: DataTypes.STRING(32), allowNull: false, references: { model: 'departments', key: 'code' } },
    process_key: { type: DataTypes.STRING(128), allowNull: false },
    definition: { type: longText, allowNull: false },
    form_schema: { type: longText, allowNull: false },
    content_hash: { type: DataTypes.STRING(64), allowNull: false },
    created_at: now,
  });

  await q.createTable('attachments', {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    original_name: { type: DataTypes.STRING(255), allowNull: false },
    mime_type: { type: DataTypes.STRING(100), allowNull: false },
    size_bytes: { type: DataTypes.INTEGER, allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    storage_key: { type: DataTypes.STRING(255), allowNull: false },
    uploaded_by: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
    created_at: now,
  });
  await q.addIndex('attachments', ['sha256']);

  await q.createTable('cases', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_no: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    item_code: { type: DataTypes.STRING(64), allowNull: false },
    item_version: { type: DataTypes.INTEGER, allowNull: false },
    department_code: { type: DataTypes.STRING(32), allowNull: false },
    channel: { type: DataTypes.STRING(16), allowNull: false },
    status: { type: DataTypes.STRING(24), allowNull: false },
    applicant_name: { type: DataTypes.STRING(100), allowNull: false },
    applicant_id_type: { type: DataTypes.STRING(16), allowNull: false },
    applicant_id_no: { type: DataTypes.STRING(32), allowNull: false },
    applicant_phone: { type: DataTypes.STRING(20), allowNull: false },
    form: { type: longText, allowNull: false },
    process_instance_id: { type: DataTypes.STRING(64), allowNull: true },
    submitted_by: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
    idempotency_key: { type: DataTypes.STRING(64), allowNull: true },
    created_at: now,
    updated_at: now,
    finished_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  await q.addIndex('cases', ['item_code', 'item_version'], { name: 'cases_item_version' });
  await q.addIndex('cases', ['submitted_by', 'idempotency_key'], { unique: true, name: 'cases_idempotency' });
  await q.addIndex('cases', ['applicant_id_no']);
  await q.addIndex('cases', ['process_instance_id']);
  await q.addIndex('cases', ['status', 'department_code']);

  await q.createTable('case_materials', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'cases', key: 'id' }, onDelete: 'CASCADE' },
    material_code: { type: DataTypes.STRING(64), allowNull: false },
    attachment_id: { type: DataTypes.STRING(36), allowNull: false, references: { model: 'attachments', key: 'id' } },
    created_at: now,
  });
  await q.addIndex('case_materials', ['case_id', 'attachment_id'], { unique: true });

  await q.createTable('timeline_events', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'cases', key: 'id' }, onDelete: 'CASCADE' },
    type: { type: DataTypes.STRING(48), allowNull: false },
    actor: { type: DataTypes.STRING(64), allowNull: false },
    detail: { type: DataTypes.TEXT, allowNull: false },
    idempotency_key: { type: DataTypes.STRING(128), allowNull: true, unique: true },
    created_at: now,
  });
  await q.addIndex('timeline_events', ['case_id', 'id']);

  await q.createTable('opinions', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'cases', key: 'id' }, onDelete: 'CASCADE' },
    task_id: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    activity_id: { type: DataTypes.STRING(128), allowNull: false },
    activity_name: { type: DataTypes.STRING(200), allowNull: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
    outcome: { type: DataTypes.STRING(16), allowNull: false },
    comment: { type: DataTypes.TEXT, allowNull: false },
    created_at: now,
  });
  await q.addIndex('opinions', ['case_id']);

  await q.createTable('case_sequences', {
    region_code: { type: DataTypes.STRING(6), primaryKey: true },
    day: { type: DataTypes.STRING(8), primaryKey: true },
    last_value: { type: DataTypes.INTEGER, allowNull: false },
  });
}

export async function down(q: QueryInterface): Promise<void> {
  for (const table of ['case_sequences', 'opinions', 'timeline_events', 'case_materials', 'cases', 'attachments', 'items', 'users', 'departments']) {
    await q.dropTable(table);
  }
}
