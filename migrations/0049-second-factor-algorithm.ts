import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The algorithm of each second factor (server/auth/otp.ts): `SHA1` (RFC 6238 TOTP, what every
 * authenticator app reads) or `SM3` (GM/T 0021-2012's SM3 dynamic password). SECOND_FACTOR_ALGORITHM
 * picks it for new enrolments; one made before keeps its own, so changing the setting locks nobody out.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('second_factors', 'algorithm', { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'SHA1' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeColumn('second_factors', 'algorithm');
}
