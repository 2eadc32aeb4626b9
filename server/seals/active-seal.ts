import { Op } from 'sequelize';
import { Seal } from './seal.model.ts';
import { decryptSecret } from './seal-secrets.ts';
import { openSealSm2 } from './seal-sm2.ts';
import type { Sm2Identity } from '../documents/index.ts';

export interface UsableSeal {
  seal: Seal;
  png: Buffer;
  p12: Buffer;
  password: string;
  /** the seal's SM2 certificate and key, opened; null when it has none */
  sm2: Sm2Identity | null;
}

export class NoSealError extends Error {
  constructor(departmentCode: string, user: string) {
    super(`no active seal of department "${departmentCode}" in force that ${user} may use: an administrator adds one (POST /api/v1/seals)`);
    this.name = 'NoSealError';
  }
}

/**
 * The department's seal in force now that `user` ("system:seal" for the seal worker, a username
 * or a "<department>:<role>" group) may use, with its certificate password and its SM2 key opened.
 */
export async function activeSealOf(departmentCode: string, user: string, groups: string[], sealKey: string, at = new Date()): Promise<UsableSeal> {
  const seals = await Seal.findAll({
    where: { departmentCode, active: true, validFrom: { [Op.lte]: at }, validUntil: { [Op.gt]: at } },
    order: [['id', 'DESC']],
  });
  const seal = seals.find((s) => s.users.includes(user) || groups.some((g) => s.users.includes(g)));
  if (!seal) throw new NoSealError(departmentCode, user);
  return {
    seal,
    png: Buffer.from(seal.image),
    p12: Buffer.from(seal.certificateP12),
    password: decryptSecret(sealKey, seal.p12Password, seal),
    sm2: openSealSm2(sealKey, seal, at),
  };
}
