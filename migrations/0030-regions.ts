import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 四级: the region tree (市 → 区县 → 乡镇街道 → 村社区) with the departments of each region, its
 * service halls and their windows; the region of each member of staff and the handling and
 * receiving region of each case (server/organization, docs/organization.md).
 */
export async function up(q: QueryInterface): Promise<void> {
  const now = { type: DataTypes.DATE(3), allowNull: false };
  await q.createTable('regions', {
    code: { type: DataTypes.STRING(12), primaryKey: true },
    name_zh: { type: DataTypes.STRING(100), allowNull: false },
    name_en: { type: DataTypes.STRING(100), allowNull: false },
    level: { type: DataTypes.STRING(16), allowNull: false },
    parent_code: { type: DataTypes.STRING(12), allowNull: true, references: { model: 'regions', key: 'code' } },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: now,
    updated_at: now,
  });
  await q.addIndex('regions', ['parent_code']);

  await q.createTable('region_departments', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    region_code: { type: DataTypes.STRING(12), allowNull: false, references: { model: 'regions', key: 'code' } },
    department_code: { type: DataTypes.STRING(32), allowNull: false, references: { model: 'departments', key: 'code' } },
    name_zh: { type: DataTypes.STRING(100), allowNull: false },
    name_en: { type: DataTypes.STRING(100), allowNull: false },
    parent_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'region_departments', key: 'id' } },
    credit_code: { type: DataTypes.STRING(18), allowNull: true },
    address: { type: DataTypes.STRING(200), allowNull: true },
    phone: { type: DataTypes.STRING(32), allowNull: true },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: now,
    updated_at: now,
  });
  await q.addIndex('region_departments', ['region_code', 'department_code'], { unique: true, name: 'region_departments_region_department' });

  await q.createTable('service_halls', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    region_code: { type: DataTypes.STRING(12), allowNull: false, references: { model: 'regions', key: 'code' } },
    name_zh: { type: DataTypes.STRING(100), allowNull: false },
    name_en: { type: DataTypes.STRING(100), allowNull: false },
    address: { type: DataTypes.STRING(200), allowNull: false },
    phone: { type: DataTypes.STRING(32), allowNull: true },
    hours: { type: DataTypes.STRING(100), allowNull: true },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: now,
    updated_at: now,
  });
  await q.addIndex('service_halls', ['region_code']);

  await q.createTable('hall_windows', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    hall_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'service_halls', key: 'id' } },
    number: { type: DataTypes.STRING(16), allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    department_code: { type: DataTypes.STRING(32), allowNull: true, references: { model: 'departments', key: 'code' } },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: now,
    updated_at: now,
  });
  await q.addIndex('hall_windows', ['hall_id', 'number'], { unique: true, name: 'hall_windows_hall_number' });

  await q.addColumn('users', 'region_code', { type: DataTypes.STRING(12), allowNull: true });
  await q.addColumn('cases', 'region_code', { type: DataTypes.STRING(12), allowNull: true });
  await q.addColumn('cases', 'received_region_code', { type: DataTypes.STRING(12), allowNull: true });
  await q.addIndex('cases', ['region_code', 'status'], { name: 'cases_region_status' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('cases', 'cases_region_status');
  await q.removeColumn('cases', 'received_region_code');
  await q.removeColumn('cases', 'region_code');
  await q.removeColumn('users', 'region_code');
  await q.dropTable('hall_windows');
  await q.dropTable('service_halls');
  await q.dropTable('region_departments');
  await q.dropTable('regions');
}
