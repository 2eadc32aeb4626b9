import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 密评 (GB/T 39786-2021, 重要数据存储完整性): a material's integrity hash is SM3 (GB/T 32905).
 * New uploads fill it; rows from before stay null until `npm run attachments:sm3` fills them
 * (it reads each file, which a migration should not: a city's archive may be terabytes), and are
 * checked by their SHA-256 meanwhile (server/attachments/file-hashes.ts).
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('attachments', 'sm3', { type: DataTypes.STRING(64), allowNull: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeColumn('attachments', 'sm3');
}
