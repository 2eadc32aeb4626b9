import { DataTypes, type QueryInterface } from 'sequelize';

/** 抄送: a case copied to someone who only reads it; notifications to a person (催办 …). */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('case_copies', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'cases', key: 'id' }, onDelete: 'CASCADE' },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    from_user_id: { type: DataTypes.INTEGER, allowNull: false },
    task_name: { type: DataTypes.STRING(200), allowNull: true },
    note: { type: DataTypes.STRING(500), allowNull: true },
    read_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('case_copies', ['user_id', 'created_at']);
  await q.addIndex('case_copies', ['case_id', 'user_id'], { unique: true });
  await q.createTable('notifications', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(32), allowNull: false },
    case_no: { type: DataTypes.STRING(32), allowNull: true },
    task_id: { type: DataTypes.STRING(64), allowNull: true },
    text: { type: DataTypes.STRING(500), allowNull: false },
    read_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('notifications', ['user_id', 'created_at']);
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('notifications');
  await q.dropTable('case_copies');
}
