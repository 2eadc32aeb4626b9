import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 电子证照: the e-license registry (licenses held by a person or an organisation, by type and
 * number) and the materials of a case given as an e-license instead of a file.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('e_licenses', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    type: { type: DataTypes.STRING(64), allowNull: false },
    number: { type: DataTypes.STRING(64), allowNull: false },
    name: { type: DataTypes.STRING(100), allowNull: false },
    holder_id_no: { type: DataTypes.STRING(32), allowNull: false },
    holder_name: { type: DataTypes.STRING(100), allowNull: false },
    data: { type: DataTypes.TEXT, allowNull: false },
    valid_from: { type: DataTypes.DATE(3), allowNull: false },
    valid_until: { type: DataTypes.DATE(3), allowNull: true },
    revoked_at: { type: DataTypes.DATE(3), allowNull: true },
    issued_by_case_id: { type: DataTypes.INTEGER, allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('e_licenses', ['type', 'number'], { unique: true });
  await q.addIndex('e_licenses', ['holder_id_no']);
  await q.createTable('case_licenses', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'cases', key: 'id' }, onDelete: 'CASCADE' },
    material_code: { type: DataTypes.STRING(64), allowNull: false },
    e_license_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'e_licenses', key: 'id' } },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('case_licenses', ['case_id', 'material_code'], { unique: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('case_licenses');
  await q.dropTable('e_licenses');
}
