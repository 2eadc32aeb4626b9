import { QueryTypes, type Sequelize } from 'sequelize';

/** How old the last successful backup may be before 运维监控 warns (a daily backup, with two hours' slack). */
export const BACKUP_STALE_AFTER_MS = 26 * 3_600_000;

/** One `npm run backup` as `backup_runs` keeps it (migration 0053): refused and failed runs too. */
export interface BackupRun {
  startedAt: Date;
  finishedAt: Date;
  location: string;
  profile: 'embedded' | 'mariadb' | null;
  /** the databases written, in words ("app: sqlite, engine: h2") */
  databases: string | null;
  files: number;
  storedObjects: number;
  totalBytes: number;
  outcome: 'succeeded' | 'failed';
  error: string | null;
}

/**
 * A time as the query's replacement, to the millisecond: sequelize writes a Date replacement for
 * MySQL/MariaDB to the second only (the connection's time zone is UTC: server/db/sequelize.ts).
 */
const atMillisecond = (sequelize: Sequelize, at: Date): Date | string =>
  sequelize.getDialect() === 'sqlite' ? at : at.toISOString().slice(0, 23).replace('T', ' ');

/** Records one backup run in the app database (scripts/backup/record-run.ts after each `npm run backup`). */
export async function recordBackupRun(sequelize: Sequelize, run: BackupRun): Promise<void> {
  await sequelize.query(
    `INSERT INTO backup_runs (started_at, finished_at, location, profile, database_kinds, files, stored_objects, total_bytes, outcome, error)
     VALUES (:startedAt, :finishedAt, :location, :profile, :databases, :files, :storedObjects, :totalBytes, :outcome, :error)`,
    {
      replacements: {
        ...run,
        startedAt: atMillisecond(sequelize, run.startedAt),
        finishedAt: atMillisecond(sequelize, run.finishedAt),
        location: run.location.slice(0, 1000),
        databases: run.databases?.slice(0, 500) ?? null,
        error: run.error?.slice(0, 4000) ?? null,
      },
      type: QueryTypes.INSERT,
    },
  );
}

interface Row {
  id: number;
  started_at: Date | string;
  finished_at: Date | string;
  location: string;
  profile: BackupRun['profile'];
  database_kinds: string | null;
  files: number;
  stored_objects: number;
  total_bytes: number | string;
  outcome: BackupRun['outcome'];
  error: string | null;
}

const runOf = (r: Row): BackupRun & { id: number } => ({
  id: Number(r.id),
  startedAt: new Date(r.started_at),
  finishedAt: new Date(r.finished_at),
  location: r.location,
  profile: r.profile,
  databases: r.database_kinds,
  files: Number(r.files),
  storedObjects: Number(r.stored_objects),
  totalBytes: Number(r.total_bytes),
  outcome: r.outcome,
  error: r.error,
});

/** The newest runs (newest first) and the last successful one, wherever it is among them. */
export async function recentBackupRuns(
  sequelize: Sequelize,
  limit = 20,
): Promise<{ runs: (BackupRun & { id: number })[]; lastSucceeded: (BackupRun & { id: number }) | null }> {
  const columns = 'id, started_at, finished_at, location, profile, database_kinds, files, stored_objects, total_bytes, outcome, error';
  const [runs, [last]] = await Promise.all([
    sequelize.query<Row>(`SELECT ${columns} FROM backup_runs ORDER BY finished_at DESC, id DESC LIMIT ${Math.max(1, Math.min(limit, 200))}`, {
      type: QueryTypes.SELECT,
    }),
    sequelize.query<Row>(`SELECT ${columns} FROM backup_runs WHERE outcome = 'succeeded' ORDER BY finished_at DESC, id DESC LIMIT 1`, {
      type: QueryTypes.SELECT,
    }),
  ]);
  return { runs: runs.map(runOf), lastSucceeded: last ? runOf(last) : null };
}
