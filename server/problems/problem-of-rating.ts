import type { Transaction } from 'sequelize';
import type { ProblemStatus } from '../../contract/requests/problems.ts';
import { Problem } from './problem.model.ts';

/** The problem a 差评 raised (id and status), for the rating's view; null: none (a good rating). */
export async function problemOfRating(ratingId: number, transaction?: Transaction): Promise<{ id: number; status: ProblemStatus } | null> {
  const p = await Problem.findOne({ where: { ratingId }, attributes: ['id', 'status'], transaction });
  return p ? { id: p.id, status: p.status } : null;
}
