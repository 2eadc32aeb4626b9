import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The second factor (等保三级 身份鉴别, two factors for administrators): a TOTP secret per user,
 * sealed under SECOND_FACTOR_KEY (SM4-CBC + HMAC-SM3), with the time step of the last code accepted
 * (a code is good once); the recovery codes as HMACs, each usable once.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('second_factors', {
    user_id: { type: DataTypes.INTEGER, primaryKey: true, references: { model: 'users', key: 'id' } },
    secret: { type: DataTypes.STRING(255), allowNull: false },
    // null: enrolment begun, not yet confirmed with a first code
    confirmed_at: { type: DataTypes.DATE(3), allowNull: true },
    last_step: { type: DataTypes.BIGINT, allowNull: true },
    passed_challenge: { type: DataTypes.STRING(36), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });

  await q.createTable('recovery_codes', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
    code_hash: { type: DataTypes.STRING(64), allowNull: false },
    used_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('recovery_codes', ['user_id', 'code_hash'], { name: 'recovery_codes_user_code', unique: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('recovery_codes');
  await q.dropTable('second_factors');
}
