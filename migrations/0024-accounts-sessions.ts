import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Accounts and sessions (等保三级): a session per bearer token (its jti), which logout and the idle
 * rule end; the hashes of a user's previous passwords and when the password was last set; failed
 * sign-ins per user name, which lock it. Passwords set before this migration count their age from
 * it, so an upgrade does not make every password expire at once.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('sessions', {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    last_seen_at: { type: DataTypes.DATE(3), allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    ended_at: { type: DataTypes.DATE(3), allowNull: true },
    // logout, idle, password_changed
    end_reason: { type: DataTypes.STRING(20), allowNull: true },
    client_address: { type: DataTypes.STRING(64), allowNull: true },
  });
  await q.addIndex('sessions', ['user_id'], { name: 'sessions_user' });
  // expired sessions are pruned by their expiry
  await q.addIndex('sessions', ['expires_at'], { name: 'sessions_expiry' });

  await q.createTable('password_history', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
    password_hash: { type: DataTypes.STRING(255), allowNull: false },
    replaced_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('password_history', ['user_id', 'replaced_at'], { name: 'password_history_user' });

  await q.addColumn('users', 'password_changed_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.bulkUpdate('users', { password_changed_at: new Date() }, {});

  // not tied to users: an unknown name is counted and locked like a known one
  await q.createTable('login_failures', {
    username: { type: DataTypes.STRING(64), primaryKey: true },
    failures: { type: DataTypes.INTEGER, allowNull: false },
    window_started_at: { type: DataTypes.DATE(3), allowNull: false },
    locked_until: { type: DataTypes.DATE(3), allowNull: true },
    last_client_address: { type: DataTypes.STRING(64), allowNull: true },
  });
  await q.addIndex('login_failures', ['window_started_at'], { name: 'login_failures_window' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('login_failures');
  await q.removeColumn('users', 'password_changed_at');
  await q.dropTable('password_history');
  await q.dropTable('sessions');
}
