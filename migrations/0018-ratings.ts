import { DataTypes, type QueryInterface } from 'sequelize';

/** 好差评: one rating per case by its applicant; a bad one (1–2) opens a rectification (整改) for the handling department. */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('case_ratings', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, unique: true, references: { model: 'cases', key: 'id' }, onDelete: 'CASCADE' },
    case_no: { type: DataTypes.STRING(32), allowNull: false },
    department_code: { type: DataTypes.STRING(32), allowNull: false },
    level: { type: DataTypes.INTEGER, allowNull: false },
    reasons: { type: DataTypes.TEXT, allowNull: false },
    comment: { type: DataTypes.STRING(500), allowNull: true },
    rated_by: { type: DataTypes.INTEGER, allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('case_ratings', ['department_code', 'created_at']);
  await q.createTable('rating_rectifications', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    rating_id: { type: DataTypes.INTEGER, allowNull: false, unique: true, references: { model: 'case_ratings', key: 'id' }, onDelete: 'CASCADE' },
    case_no: { type: DataTypes.STRING(32), allowNull: false },
    department_code: { type: DataTypes.STRING(32), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    resolution_note: { type: DataTypes.STRING(1000), allowNull: true },
    resolved_by: { type: DataTypes.INTEGER, allowNull: true },
    resolved_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('rating_rectifications', ['department_code', 'status']);
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('rating_rectifications');
  await q.dropTable('case_ratings');
}
