import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/**
 * 办件编码: <region code, 6 digits><date in Asia/Shanghai, YYYYMMDD><daily sequence, 6 digits>,
 * e.g. 43010020261122000042. Unique and stable: the sequence row is locked by the increment until
 * the case's transaction commits, so concurrent submissions queue on it instead of colliding.
 */
export async function nextCaseNumber(sequelize: Sequelize, regionCode: string, transaction: Transaction, now = new Date()): Promise<string> {
  const day = shanghaiDate(now);
  const replacements = { region: regionCode, day };
  if (sequelize.getDialect() === 'sqlite') {
    await sequelize.query(
      'INSERT INTO case_sequences (region_code, day, last_value) VALUES (:region, :day, 1) ON CONFLICT (region_code, day) DO UPDATE SET last_value = last_value + 1',
      { replacements, transaction, type: QueryTypes.INSERT },
    );
  } else {
    await sequelize.query(
      'INSERT INTO case_sequences (region_code, day, last_value) VALUES (:region, :day, 1) ON DUPLICATE KEY UPDATE last_value = last_value + 1',
      { replacements, transaction, type: QueryTypes.INSERT },
    );
  }
  const [row] = await sequelize.query<{ last_value: number }>('SELECT last_value FROM case_sequences WHERE region_code = :region AND day = :day', {
    replacements,
    transaction,
    type: QueryTypes.SELECT,
  });
  const sequence = Number(row!.last_value);
  if (sequence > 999999) throw new Error(`case number sequence exhausted for ${regionCode}/${day}`);
  return `${regionCode}${day}${String(sequence).padStart(6, '0')}`;
}

export function shanghaiDate(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts.replace(/-/g, '');
}
