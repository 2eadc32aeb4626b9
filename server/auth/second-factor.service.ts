import { Op, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { AccountSettings } from '../config/schema.ts';
import { AppError, conflict } from '../errors/app-error.ts';
import type { User } from './user.model.ts';
import { groupsOf } from './principal.ts';
import { RecoveryCode, SecondFactor } from './second-factor.model.ts';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCode, openSecret, RECOVERY_CODE_COUNT, sealSecret } from './second-factor-crypto.ts';
import { base32Encode, DIGITS, matchStep, newSecret, otpauthUri, STEP_SECONDS, type OtpAlgorithm } from './totp.ts';
import { looksLikeOneTimeCode } from '../../contract/one-time-codes.ts';
import { codeWrongProblem, enrolmentCodeRules } from '../../contract/requests/sign-in.ts';

/** What a person sees of their second factor. */
export interface SecondFactorStatus {
  enrolled: boolean;
  /** their role (or a seal naming them) requires one: it cannot be turned off */
  required: boolean;
  confirmedAt: Date | null;
  recoveryCodesLeft: number;
  /** the algorithm of the codes: the enrolment's, or the one an enrolment would take now (SECOND_FACTOR_ALGORITHM) */
  algorithm: OtpAlgorithm;
}

/** What an authenticator app needs: shown once, at the enrolment. */
export interface Enrolment {
  secret: string;
  otpauthUri: string;
  issuer: string;
  account: string;
  /** SHA1: RFC 6238 TOTP, any authenticator app; SM3: GM/T 0021-2012, a token or app that implements it */
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
}

/** How a second step went: the method that passed, or why it did not (for the log and the audit trail). */
export type Verification = { ok: true; method: 'totp' | 'recovery_code'; recoveryCodesLeft?: number } | { ok: false; reason: string };

/**
 * 双因素认证 (等保三级 身份鉴别: two or more factors for administrators): a one-time code secret per
 * user (./totp.ts: RFC 6238 TOTP, or GM/T 0021's SM3 code where SECOND_FACTOR_ALGORITHM asks for
 * it, each enrolment keeping its own), sealed under SECOND_FACTOR_KEY (./second-factor-crypto.ts), a code accepted once
 * (the step of the last accepted code is kept), and ten recovery codes, each good once. Who must
 * have one is SECOND_FACTOR_REQUIRED (roles, and `seal_users`: everyone an active seal names).
 */
export class SecondFactors {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly key: string,
    private readonly settings: Pick<AccountSettings, 'secondFactorRequired' | 'secondFactorIssuer'> & Partial<Pick<AccountSettings, 'secondFactorAlgorithm'>>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The algorithm a new enrolment takes (SECOND_FACTOR_ALGORITHM). */
  private newAlgorithm(): OtpAlgorithm {
    return this.settings.secondFactorAlgorithm ?? 'SHA1';
  }

  /** Whether the user's roles, or a seal naming them, require a second factor. */
  async isRequired(user: Pick<User, 'username' | 'roles' | 'departmentCode'>): Promise<boolean> {
    const required = this.settings.secondFactorRequired;
    if (user.roles.some((r) => required.includes(r))) return true;
    if (!required.includes('seal_users')) return false;
    return (await this.sealUsers()).some((names) => names.includes(user.username) || groupsOf(user).some((g) => names.includes(g)));
  }

  /**
   * Who the active seals name (server/seals: "who may use it", user names and "<department>:<role>"
   * groups). Read as rows, not through the seals domain, which itself depends on this one.
   */
  private async sealUsers(): Promise<string[][]> {
    const rows = await this.sequelize.query<{ users: unknown }>('SELECT users FROM seals WHERE active = :active', {
      replacements: { active: true },
      type: QueryTypes.SELECT,
    });
    return rows.map((r) => {
      try {
        const users = typeof r.users === 'string' ? (JSON.parse(r.users) as unknown) : r.users;
        return Array.isArray(users) ? users.filter((u): u is string => typeof u === 'string') : [];
      } catch {
        return [];
      }
    });
  }

  /** The confirmed second factor of the user, or null (none, or an enrolment not yet confirmed). */
  async enrolled(userId: number): Promise<SecondFactor | null> {
    const row = await SecondFactor.findByPk(userId);
    return row?.confirmedAt ? row : null;
  }

  async status(user: User): Promise<SecondFactorStatus> {
    const row = await this.enrolled(user.id);
    return {
      enrolled: row !== null,
      required: await this.isRequired(user),
      confirmedAt: row?.confirmedAt ?? null,
      recoveryCodesLeft: row ? await RecoveryCode.count({ where: { userId: user.id, usedAt: null } }) : 0,
      algorithm: row?.algorithm ?? this.newAlgorithm(),
    };
  }

  /** Starts (or starts again) an enrolment: a new secret, not a factor until a first code confirms it. */
  async begin(user: User): Promise<Enrolment> {
    if (await this.enrolled(user.id)) throw conflict('second_factor_enrolled');
    const secret = newSecret();
    const algorithm = this.newAlgorithm();
    await SecondFactor.upsert({
      userId: user.id,
      secret: sealSecret(this.key, user.id, secret),
      algorithm,
      confirmedAt: null,
      lastStep: null,
      passedChallenge: null,
    });
    const issuer = this.settings.secondFactorIssuer;
    return {
      secret: base32Encode(secret),
      otpauthUri: otpauthUri(issuer, user.username, secret, algorithm),
      issuer,
      account: user.username,
      algorithm,
      digits: DIGITS,
      period: STEP_SECONDS,
    };
  }

  /**
   * Confirms the enrolment with a first code from the app: the secret becomes the user's second
   * factor and ten recovery codes are made (returned once, kept as HMACs). A wrong code is a 422
   * (it guesses nothing: the one who typed it has just been shown the secret).
   */
  async confirm(user: User, code: string): Promise<string[]> {
    const row = await SecondFactor.findByPk(user.id);
    if (!row) throw conflict('second_factor_no_enrolment');
    if (row.confirmedAt) throw conflict('second_factor_enrolled');
    // a code of any other shape than six digits is wrong (the page checks the same rule before it sends)
    const step = enrolmentCodeRules({ code }).length ? null : matchStep(openSecret(this.key, user.id, row.secret), code, this.now(), null, row.algorithm);
    if (step === null) throw codeWrong();
    return this.sequelize.transaction(async (transaction) => {
      const [changed] = await SecondFactor.update(
        { confirmedAt: new Date(this.now()), lastStep: step },
        { where: { userId: user.id, confirmedAt: null, secret: row.secret }, transaction },
      );
      // begun again or confirmed by another request meanwhile
      if (!changed) throw conflict('second_factor_no_enrolment');
      return this.replaceRecoveryCodes(user.id, transaction);
    });
  }

  /**
   * Checks a code (6 digits) or a recovery code of the user's confirmed second factor. A code is good
   * within ±1 step of now, once: a code of a step at or before the last one accepted is refused
   * (replay); the step moves under a condition, so two requests with one code cannot both pass. A
   * recovery code is used up.
   */
  async verify(userId: number, input: { code?: string; recoveryCode?: string }): Promise<Verification> {
    const row = await this.enrolled(userId);
    if (!row) return { ok: false, reason: 'no second factor' };
    if (input.code !== undefined) {
      if (!looksLikeOneTimeCode(input.code)) return { ok: false, reason: 'malformed code' };
      const secret = openSecret(this.key, userId, row.secret);
      const step = matchStep(secret, input.code, this.now(), row.lastStep, row.algorithm);
      if (step === null) {
        const replayed = row.lastStep !== null && matchStep(secret, input.code, this.now(), null, row.algorithm) !== null;
        return { ok: false, reason: replayed ? 'code already used' : 'wrong code' };
      }
      const [changed] = await SecondFactor.update({ lastStep: step }, { where: { userId, [Op.or]: [{ lastStep: null }, { lastStep: { [Op.lt]: step } }] } });
      return changed ? { ok: true, method: 'totp' } : { ok: false, reason: 'code already used' };
    }
    if (input.recoveryCode !== undefined) {
      if (!looksLikeRecoveryCode(input.recoveryCode)) return { ok: false, reason: 'malformed recovery code' };
      const [changed] = await RecoveryCode.update(
        { usedAt: new Date(this.now()) },
        { where: { userId, codeHash: hashRecoveryCode(this.key, userId, input.recoveryCode), usedAt: null } },
      );
      if (!changed) return { ok: false, reason: 'wrong or used recovery code' };
      return { ok: true, method: 'recovery_code', recoveryCodesLeft: await RecoveryCode.count({ where: { userId, usedAt: null } }) };
    }
    return { ok: false, reason: 'no code' };
  }

  /** New recovery codes in place of all the old ones (used or not); returned once. */
  regenerate(userId: number): Promise<string[]> {
    return this.sequelize.transaction((transaction) => this.replaceRecoveryCodes(userId, transaction));
  }

  /** Removes the user's second factor and recovery codes (turned off, or reset by an administrator); whether there was one. */
  async remove(userId: number): Promise<boolean> {
    return this.sequelize.transaction(async (transaction) => {
      const row = await SecondFactor.findByPk(userId, { transaction });
      await RecoveryCode.destroy({ where: { userId }, transaction });
      await SecondFactor.destroy({ where: { userId }, transaction });
      return Boolean(row?.confirmedAt);
    });
  }

  /** The sign-in challenge whose code passed while the password had expired (the new password comes next, without a second code). */
  async markPassed(userId: number, challengeId: string | null): Promise<void> {
    await SecondFactor.update({ passedChallenge: challengeId }, { where: { userId } });
  }

  /** A confirmed second factor with a known secret (the embedded default's demo accounts); nothing if the user has one already. */
  async enrolKnown(userId: number, secret: Uint8Array): Promise<boolean> {
    if (await SecondFactor.findByPk(userId)) return false;
    // RFC 6238 whatever SECOND_FACTOR_ALGORITHM says: the demo's known secret is the RFC's seed, read by any authenticator app
    await SecondFactor.create({ userId, secret: sealSecret(this.key, userId, secret), algorithm: 'SHA1', confirmedAt: new Date(this.now()), lastStep: null });
    return true;
  }

  private async replaceRecoveryCodes(userId: number, transaction: Transaction): Promise<string[]> {
    await RecoveryCode.destroy({ where: { userId }, transaction });
    const codes = new Set<string>();
    while (codes.size < RECOVERY_CODE_COUNT) codes.add(newRecoveryCode());
    const createdAt = new Date(this.now());
    await RecoveryCode.bulkCreate(
      [...codes].map((code) => ({ userId, codeHash: hashRecoveryCode(this.key, userId, code), createdAt })),
      { transaction },
    );
    return [...codes];
  }
}

/** A wrong code where the person is signed in (enrolment, regenerating codes, turning it off): at the field. */
export const codeWrong = () => new AppError(422, 'second_factor_code_wrong', [codeWrongProblem()]);
