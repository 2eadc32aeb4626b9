import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 个人信息 sealed at rest (server/privacy): ID numbers, phones, forms, agents, recipients and
 * licence data are stored SM4-sealed, which is longer than the clear value, and the ID numbers a
 * search needs get a keyed-hash column beside them. The migration only makes room: it has no keys.
 * Rows written before it are sealed, and their hashes filled, by the re-seal pass the server runs
 * at start (server/privacy/reseal.ts); until then they read as they are.
 */
const SEALED = DataTypes.STRING(255);
const HASH = { type: DataTypes.STRING(64), allowNull: true };

export async function up(q: QueryInterface): Promise<void> {
  // the sealed values differ at every write: indexes on them find nothing; the hashes replace them
  await q.removeIndex('cases', ['applicant_id_no']);
  await q.removeIndex('e_licenses', ['holder_id_no']);
  // SQLite keeps any length in a VARCHAR; MariaDB needs the columns widened
  if (q.sequelize.getDialect() !== 'sqlite') {
    await q.changeColumn('cases', 'applicant_id_no', { type: SEALED, allowNull: false });
    await q.changeColumn('cases', 'applicant_phone', { type: SEALED, allowNull: false });
    await q.changeColumn('users', 'id_no', { type: SEALED, allowNull: true });
    await q.changeColumn('users', 'phone', { type: SEALED, allowNull: true });
    await q.changeColumn('e_licenses', 'holder_id_no', { type: SEALED, allowNull: false });
    await q.changeColumn('e_licenses', 'data', { type: DataTypes.TEXT('medium'), allowNull: false });
  }
  await q.addColumn('cases', 'applicant_id_no_hash', HASH);
  await q.addIndex('cases', ['applicant_id_no_hash'], { name: 'cases_applicant_id_no_hash' });
  await q.addColumn('users', 'id_no_hash', HASH);
  await q.addIndex('users', ['id_no_hash'], { name: 'users_id_no_hash' });
  await q.addColumn('e_licenses', 'holder_id_no_hash', HASH);
  await q.addIndex('e_licenses', ['holder_id_no_hash'], { name: 'e_licenses_holder_id_no_hash' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('e_licenses', 'e_licenses_holder_id_no_hash');
  await q.removeColumn('e_licenses', 'holder_id_no_hash');
  await q.removeIndex('users', 'users_id_no_hash');
  await q.removeColumn('users', 'id_no_hash');
  await q.removeIndex('cases', 'cases_applicant_id_no_hash');
  await q.removeColumn('cases', 'applicant_id_no_hash');
  await q.addIndex('e_licenses', ['holder_id_no']);
  await q.addIndex('cases', ['applicant_id_no']);
}
