import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Op, type Sequelize } from 'sequelize';
import { recordAudit } from '../audit/index.ts';
import { AppError, validationFailed, withRetryAfter, type FieldProblem } from '../errors/app-error.ts';
import { GatewayRejectedError, GatewayUnavailableError } from '../gateways/gateway-errors.ts';
import type { RealNameCheck } from '../gateways/identity/index.ts';
import type { SmsGateway } from '../gateways/sms/index.ts';
import { lookupHash } from '../privacy/sealing.ts';
import { maskPersonal } from '../../contract/catalog/personal.ts';
import { PhoneVerification } from './identity.model.ts';
import { hashPassword } from './passwords.ts';
import { registrationRules, type NewRegistration } from '../../contract/requests/registration.ts';
import { ONE_TIME_CODE_DIGITS } from '../../contract/one-time-codes.ts';
import { User } from './user.model.ts';

/** How long a code is good, how often a phone may ask, how many wrong tries a code takes. */
export const CODE_MINUTES = 5;
export const RESEND_SECONDS = 60;
export const CODES_PER_PHONE_PER_HOUR = 5;
export const CODES_PER_ADDRESS_PER_HOUR = 20;
export const CODE_ATTEMPTS = 5;
/** A verified phone stays good for the rest of the registration this long, and for this many failed real-name checks. */
export const VERIFICATION_MINUTES = 15;
export const REAL_NAME_ATTEMPTS = 3;

const field = (name: string, zh: string, en: string, code: string): FieldProblem => ({ field: name, message: { 'zh-CN': zh, en }, code });
const codeHash = (phone: string, code: string) => lookupHash(`sms-code:${phone}:${code}`);
const verificationHash = (verification: string) => lookupHash(`phone-verification:${verification}`);

/**
 * 申请人注册: a phone verified by an SMS code (./identity.model.ts PhoneVerification), then a
 * real-name check of name and ID number (实名核验), then the applicant's account, signed in.
 * - a code: 6 digits, good for CODE_MINUTES, once; CODE_ATTEMPTS wrong tries void it; a phone gets
 *   one every RESEND_SECONDS and CODES_PER_PHONE_PER_HOUR an hour, an address CODES_PER_ADDRESS_PER_HOUR;
 * - the verified phone is a one-time proof (VERIFICATION_MINUTES), voided after REAL_NAME_ATTEMPTS
 *   failed real-name checks, so it cannot probe the population registry;
 * - nothing is written when a check fails or a service is down (the SMS gateway, the real-name check:
 *   503 in words), except the count of wrong tries.
 */
export class Registration {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly sms: SmsGateway | null,
    private readonly realName: RealNameCheck | null,
    private readonly now: () => number,
  ) {}

  get available(): boolean {
    return Boolean(this.sms && this.realName);
  }

  private assertAvailable(): void {
    if (!this.available) throw new AppError(404, 'registration_unavailable');
  }

  /** Sends a code to the phone; 429 with the seconds to wait (Retry-After) when it asks too often. */
  async sendCode(phone: string, clientAddress: string | null): Promise<{ expiresAt: Date; resendAfter: Date }> {
    this.assertAvailable();
    const now = this.now();
    if (await User.findOne({ attributes: ['id'], where: { phoneHash: lookupHash(phone) } })) {
      throw new AppError(409, 'phone_taken', [field('phone', '手机号：已注册，请直接登录', 'Phone: already registered; sign in instead', 'phone_taken')]);
    }
    const hourAgo = new Date(now - 3_600_000);
    const recent = await PhoneVerification.findAll({
      attributes: ['createdAt'],
      where: { phoneHash: lookupHash(phone), purpose: 'registration', createdAt: { [Op.gt]: hourAgo } },
      order: [['createdAt', 'DESC']],
    });
    const last = recent[0]?.createdAt.getTime();
    if (last !== undefined && now - last < RESEND_SECONDS * 1000) throw rateLimited(Math.ceil((last + RESEND_SECONDS * 1000 - now) / 1000));
    if (recent.length >= CODES_PER_PHONE_PER_HOUR) throw rateLimited(Math.ceil((recent.at(-1)!.createdAt.getTime() + 3_600_000 - now) / 1000));
    if (clientAddress) {
      const fromAddress = await PhoneVerification.count({ where: { clientAddress, createdAt: { [Op.gt]: hourAgo } } });
      if (fromAddress >= CODES_PER_ADDRESS_PER_HOUR) throw rateLimited(600);
    }
    const code = String(randomInt(0, 10 ** ONE_TIME_CODE_DIGITS)).padStart(ONE_TIME_CODE_DIGITS, '0');
    try {
      await this.sms!.send({
        phone,
        template: 'registration_code',
        text: `【政务服务平台】您的注册验证码为 ${code}，${CODE_MINUTES} 分钟内有效。如非本人操作，请忽略本短信。`,
      });
    } catch (err) {
      if (err instanceof GatewayRejectedError) {
        throw validationFailed([field('phone', '手机号：短信网关拒绝向该号码发送', 'Phone: the SMS gateway refuses this number', 'phone_refused')]);
      }
      if (err instanceof GatewayUnavailableError) throw Object.assign(new AppError(503, 'sms_unavailable'), { cause: err });
      throw err;
    }
    const expiresAt = new Date(now + CODE_MINUTES * 60_000);
    await PhoneVerification.create({
      purpose: 'registration',
      phone,
      codeHash: codeHash(phone, code),
      clientAddress: clientAddress?.slice(0, 64) ?? null,
      createdAt: new Date(now),
      expiresAt,
    });
    return { expiresAt, resendAfter: new Date(now + RESEND_SECONDS * 1000) };
  }

  /** The code of the phone's latest request: a one-time proof of the verified phone, or 422 (a wrong try is counted). */
  async verifyCode(phone: string, code: string): Promise<{ verification: string; expiresAt: Date }> {
    this.assertAvailable();
    const now = this.now();
    const row = await PhoneVerification.findOne({ where: { phoneHash: lookupHash(phone), purpose: 'registration' }, order: [['createdAt', 'DESC']] });
    const expired = () =>
      new AppError(422, 'phone_code_expired', [
        field('code', '验证码：已过期、已使用或错误次数过多，请重新获取', 'Code: expired, used or mistyped too often; ask for a new one', 'phone_code_expired'),
      ]);
    if (!row || row.verifiedAt || row.expiresAt.getTime() <= now || row.attempts >= CODE_ATTEMPTS) throw expired();
    const expected = Buffer.from(row.codeHash);
    const given = Buffer.from(codeHash(phone, code));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      // counted where it is still open: a concurrent right code or another wrong one does not get lost
      await PhoneVerification.increment('attempts', { by: 1, where: { id: row.id, verifiedAt: null } });
      const left = CODE_ATTEMPTS - row.attempts - 1;
      if (left <= 0) throw expired();
      throw new AppError(422, 'phone_code_invalid', [
        field('code', `验证码：不正确，还可再试 ${left} 次`, `Code: not correct; ${left} more ${left === 1 ? 'try' : 'tries'}`, 'phone_code_invalid'),
      ]);
    }
    const verification = randomBytes(32).toString('base64url');
    const [changed] = await PhoneVerification.update(
      { verifiedAt: new Date(now), verificationHash: verificationHash(verification), attempts: 0 },
      { where: { id: row.id, verifiedAt: null } },
    );
    if (!changed) throw expired();
    return { verification, expiresAt: new Date(now + VERIFICATION_MINUTES * 60_000) };
  }

  /**
   * The account: the verified phone's proof, the person's name and ID number as the real-name
   * check confirms them, a user name and a password under the policy. The proof is spent in the
   * transaction that writes the account and its audit entry.
   */
  async register(body: NewRegistration): Promise<User> {
    this.assertAvailable();
    const now = this.now();
    const problems = registrationRules(body);
    if (problems.length) throw new AppError(422, 'password_policy', problems);
    const proof = await PhoneVerification.findOne({ where: { verificationHash: verificationHash(body.verification) } });
    if (!proof || !proof.verifiedAt || proof.consumedAt || proof.verifiedAt.getTime() + VERIFICATION_MINUTES * 60_000 <= now) {
      throw new AppError(422, 'phone_verification_invalid', [
        field(
          'verification',
          '手机验证：已过期或已使用，请重新验证手机号',
          'Phone verification: expired or used; verify the phone again',
          'phone_verification_invalid',
        ),
      ]);
    }
    if (await User.findOne({ attributes: ['id'], where: { username: body.username } })) {
      throw new AppError(409, 'username_taken', [field('username', '用户名：已被使用', 'User name: taken', 'username_taken')]);
    }
    if (await User.findOne({ attributes: ['id'], where: { phoneHash: lookupHash(proof.phone) } })) throw new AppError(409, 'phone_taken');
    if (await User.findOne({ attributes: ['id'], where: { idNoHash: lookupHash(body.idNo), accountKind: 'person' } })) {
      throw new AppError(409, 'id_no_taken', [
        field('idNo', '身份证号码：已有账号，请直接登录', 'ID number: already has an account; sign in instead', 'id_no_taken'),
      ]);
    }
    let check;
    try {
      check = await this.realName!.verify({ name: body.displayName, idNo: body.idNo });
    } catch (err) {
      if (err instanceof GatewayUnavailableError) throw Object.assign(new AppError(503, 'real_name_check_unavailable'), { cause: err });
      throw err;
    }
    if (check.result !== 'match') {
      // each failed check spends one of the proof's tries: a verified phone cannot probe the registry
      await PhoneVerification.increment('attempts', { by: 1, where: { id: proof.id } });
      if (proof.attempts + 1 >= REAL_NAME_ATTEMPTS)
        await PhoneVerification.update({ consumedAt: new Date(now) }, { where: { id: proof.id, consumedAt: null } });
      throw new AppError(422, 'real_name_mismatch', [
        field('displayName', '姓名：与身份证号码不一致', 'Name: does not match the ID number', 'real_name_mismatch'),
        field('idNo', '身份证号码：与姓名不一致（实名核验未通过）', 'ID number: does not match the name (real-name check)', 'real_name_mismatch'),
      ]);
    }
    const passwordHash = await hashPassword(body.password);
    return this.sequelize.transaction(async (transaction) => {
      const [spent] = await PhoneVerification.update({ consumedAt: new Date(now) }, { where: { id: proof.id, consumedAt: null }, transaction });
      if (!spent) throw new AppError(422, 'phone_verification_invalid');
      const user = await User.create(
        {
          username: body.username,
          displayName: body.displayName.trim(),
          passwordHash,
          passwordChangedAt: new Date(now),
          roles: ['applicant'],
          departmentCode: null,
          idNo: body.idNo,
          phone: proof.phone,
          accountKind: 'person',
        },
        { transaction },
      );
      await recordAudit(
        {
          actor: user.username,
          action: 'account.registered',
          target: `user:${user.username}`,
          detail: {
            roles: user.roles,
            idNo: maskPersonal('id-number', body.idNo),
            phone: maskPersonal('phone', proof.phone),
            realNameLevel: check.realNameLevel ?? null,
          },
        },
        transaction,
      );
      return user;
    });
  }
}

function rateLimited(seconds: number): AppError {
  const error = new AppError(429, 'phone_code_rate_limited', [], {
    'zh-CN': `验证码发送过于频繁，请 ${seconds} 秒后再试`,
    en: `Codes were sent too often; try again in ${seconds} seconds`,
  });
  return withRetryAfter(error, seconds);
}
