import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 统一身份认证 and applicants' registration (server/auth/oidc*.ts, registration*.ts):
 * - an account is a natural person's or a company's (`account_kind`); a company's account carries
 *   the 统一社会信用代码 and the company's name; phones get a lookup hash (one account per phone);
 * - `identity_links`: which provider subject (issuer + sub) signs in as which account, and for a
 *   company's sign-in who acts for it and under which authorisation (sealed: names an ID number);
 * - `phone_verifications`: the SMS codes of the registration, as keyed hashes, with their expiry,
 *   wrong attempts and single use.
 */
const SEALED = DataTypes.STRING(255);
const HASH = DataTypes.STRING(64);

export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('users', 'account_kind', { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'person' });
  await q.addColumn('users', 'credit_code', { type: DataTypes.STRING(18), allowNull: true });
  await q.addColumn('users', 'company_name', { type: DataTypes.STRING(200), allowNull: true });
  await q.addColumn('users', 'phone_hash', { type: HASH, allowNull: true });
  await q.addIndex('users', ['phone_hash'], { name: 'users_phone_hash' });
  await q.addIndex('users', ['credit_code'], { name: 'users_credit_code' });

  await q.createTable('identity_links', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    issuer: { type: DataTypes.STRING(255), allowNull: false },
    subject: { type: DataTypes.STRING(255), allowNull: false },
    user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
    subject_type: { type: DataTypes.STRING(16), allowNull: false },
    // for a company: who acts (name, ID number), as what, under which authorisation; sealed JSON
    acting: { type: DataTypes.TEXT, allowNull: true },
    authorization_valid_until: { type: DataTypes.STRING(10), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    last_sign_in_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('identity_links', ['issuer', 'subject'], { name: 'identity_links_subject', unique: true });
  await q.addIndex('identity_links', ['user_id'], { name: 'identity_links_user' });

  await q.createTable('phone_verifications', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    purpose: { type: DataTypes.STRING(32), allowNull: false },
    phone: { type: SEALED, allowNull: false },
    phone_hash: { type: HASH, allowNull: true },
    code_hash: { type: HASH, allowNull: false },
    client_address: { type: DataTypes.STRING(64), allowNull: true },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    verified_at: { type: DataTypes.DATE(3), allowNull: true },
    // the proof of a verified phone handed to the registrant, as a keyed hash; good once
    verification_hash: { type: HASH, allowNull: true },
    consumed_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  await q.addIndex('phone_verifications', ['phone_hash', 'created_at'], { name: 'phone_verifications_phone' });
  await q.addIndex('phone_verifications', ['client_address', 'created_at'], { name: 'phone_verifications_client' });
  await q.addIndex('phone_verifications', ['verification_hash'], { name: 'phone_verifications_verification', unique: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('phone_verifications');
  await q.dropTable('identity_links');
  await q.removeIndex('users', 'users_credit_code');
  await q.removeIndex('users', 'users_phone_hash');
  await q.removeColumn('users', 'phone_hash');
  await q.removeColumn('users', 'company_name');
  await q.removeColumn('users', 'credit_code');
  await q.removeColumn('users', 'account_kind');
}
