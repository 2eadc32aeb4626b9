import { DataTypes, type QueryInterface } from 'sequelize';

/** 告知承诺: commitments an applicant signed instead of handing in a material. */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('commitments', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'cases', key: 'id' }, onDelete: 'CASCADE' },
    material_code: { type: DataTypes.STRING(64), allowNull: false },
    text: { type: DataTypes.TEXT, allowNull: false },
    signer_name: { type: DataTypes.STRING(100), allowNull: false },
    signer_id_no: { type: DataTypes.STRING(32), allowNull: false },
    signed_at: { type: DataTypes.DATE(3), allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
  });
  await q.addIndex('commitments', ['case_id', 'material_code'], { unique: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('commitments');
}
