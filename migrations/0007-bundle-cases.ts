import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 一件事 cases and 容缺受理.
 *
 * 一件事 cases: a bundle case (kind "bundle", its bundle code and version in item_code and
 * item_version) and one item case per applicable item pointing at it (parent_case_id), with the
 * scenario answers that chose those items.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('cases', 'kind', { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'item' });
  await q.addColumn('cases', 'parent_case_id', { type: DataTypes.INTEGER, allowNull: true });
  await q.addColumn('cases', 'answers', { type: DataTypes.TEXT, allowNull: true });
  await q.addIndex('cases', ['parent_case_id']);
  // 容缺受理: a commitment of kind "deferral" promises a tolerated material by due_at
  await q.addColumn('commitments', 'kind', { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'replacement' });
  await q.addColumn('commitments', 'due_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.addColumn('commitments', 'fulfilled_at', { type: DataTypes.DATE(3), allowNull: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeColumn('commitments', 'fulfilled_at');
  await q.removeColumn('commitments', 'due_at');
  await q.removeColumn('commitments', 'kind');
  await q.removeIndex('cases', ['parent_case_id']);
  await q.removeColumn('cases', 'answers');
  await q.removeColumn('cases', 'parent_case_id');
  await q.removeColumn('cases', 'kind');
}
