import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 审计日志: one append-only table of what people and systems did (sign-ins, administration,
 * deployments, decisions …), each row chained to the one before by an HMAC-SM3 (server/audit/).
 * `audit_chain_head` holds the last row's id and hash: appends lock it, so rows chain in order,
 * and a removed last row is found. The database itself refuses updates and deletes of the rows
 * where it lets us create triggers (the app user needs the TRIGGER privilege on MySQL/MariaDB);
 * the verify report says whether it does.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('audit_events', {
    id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
    at: { type: DataTypes.DATE(3), allowNull: false },
    actor: { type: DataTypes.STRING(64), allowNull: true },
    client_address: { type: DataTypes.STRING(64), allowNull: true },
    action: { type: DataTypes.STRING(64), allowNull: false },
    target: { type: DataTypes.STRING(128), allowNull: true },
    outcome: { type: DataTypes.STRING(16), allowNull: false },
    detail: { type: DataTypes.TEXT, allowNull: false },
    prev_hash: { type: DataTypes.STRING(64), allowNull: false },
    hash: { type: DataTypes.STRING(64), allowNull: false },
  });
  await q.addIndex('audit_events', ['at']);
  await q.addIndex('audit_events', ['actor', 'at']);
  await q.addIndex('audit_events', ['action', 'at']);
  await q.createTable('audit_chain_head', {
    id: { type: DataTypes.INTEGER, primaryKey: true },
    last_id: { type: DataTypes.BIGINT, allowNull: false },
    last_hash: { type: DataTypes.STRING(64), allowNull: false },
  });
  await q.bulkInsert('audit_chain_head', [{ id: 1, last_id: 0, last_hash: '0'.repeat(64) }]);
  for (const sql of appendOnlyTriggers(q.sequelize.getDialect() === 'sqlite')) {
    try {
      await q.sequelize.query(sql);
    } catch {
      // no TRIGGER privilege (or binary logging that wants SUPER): the chain still shows any change,
      // and GET /audit/verify reports the table as not protected by the database
    }
  }
}

/** The triggers that refuse UPDATE and DELETE on audit_events. */
export function appendOnlyTriggers(sqlite: boolean): string[] {
  return ['UPDATE', 'DELETE'].map((operation) => {
    const name = `audit_events_no_${operation.toLowerCase()}`;
    return sqlite
      ? `CREATE TRIGGER ${name} BEFORE ${operation} ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`
      : `CREATE TRIGGER ${name} BEFORE ${operation} ON audit_events FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only'`;
  });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('audit_chain_head');
  await q.dropTable('audit_events');
}
