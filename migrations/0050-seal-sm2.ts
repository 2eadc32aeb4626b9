import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 密评 (GB/T 39786-2021, 不可否认性): a seal may hold an SM2 certificate (PEM) and its key (PEM
 * PKCS#8, encrypted with its password, the password sealed like the PKCS#12's: SM4 + HMAC-SM3);
 * a sealed document keeps the SM2-with-SM3 signature made with it over the final PDF, and the
 * certificate's serial. Null where a seal has no SM2 certificate (RSA PAdES only).
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('seals', 'sm2_certificate', { type: DataTypes.TEXT, allowNull: true });
  await q.addColumn('seals', 'sm2_private_key', { type: DataTypes.TEXT, allowNull: true });
  await q.addColumn('seals', 'sm2_key_password', { type: DataTypes.STRING(400), allowNull: true });
  await q.addColumn('seals', 'sm2_certificate_serial', { type: DataTypes.STRING(80), allowNull: true });
  await q.addColumn('documents', 'sm2_signature', { type: DataTypes.STRING(200), allowNull: true });
  await q.addColumn('documents', 'sm2_certificate_serial', { type: DataTypes.STRING(80), allowNull: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeColumn('documents', 'sm2_certificate_serial');
  await q.removeColumn('documents', 'sm2_signature');
  await q.removeColumn('seals', 'sm2_certificate_serial');
  await q.removeColumn('seals', 'sm2_key_password');
  await q.removeColumn('seals', 'sm2_private_key');
  await q.removeColumn('seals', 'sm2_certificate');
}
