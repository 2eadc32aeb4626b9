import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * A sealed document's title in English, for the pages read in English (the document itself stays
 * Chinese: it is the legal text). Documents sealed before keep none: the pages fall back to the
 * Chinese title.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('documents', 'title_en', { type: DataTypes.STRING(200), allowNull: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeColumn('documents', 'title_en');
}
