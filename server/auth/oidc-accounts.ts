import { randomBytes } from 'node:crypto';
import { Op, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { recordAudit } from '../audit/index.ts';
import { AppError } from '../errors/app-error.ts';
import { lookupHash } from '../privacy/sealing.ts';
import { isValidCreditCode, isValidMobile, isValidResidentIdNumber } from '../../contract/validation/id-numbers.ts';
import { maskPersonal } from '../../contract/catalog/personal.ts';
import { User } from './user.model.ts';
import { IdentityLink, type Acting } from './identity.model.ts';
import { hashPassword } from './passwords.ts';
import type { SignInKind } from './oidc-client.ts';

/** The identity a verified ID token asserts, checked (server/gateways/README.md, "Identity sandbox", lists the claims). */
export interface AssertedIdentity {
  issuer: string;
  subject: string;
  name: string;
  idNo: string;
  /** a mainland mobile (11 digits) when the provider asserted a verified one */
  phone: string | null;
  realNameLevel: string;
  company: {
    name: string;
    creditCode: string;
    legalRepresentative: string;
    actingAs: 'legal_representative' | 'agent';
    authorization: Acting['authorization'];
  } | null;
}

const str = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : null);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Asia/Shanghai (YYYY-MM-DD): an authorisation's days are Beijing days. */
export const shanghaiToday = (now: number) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The ID token's claims as an identity of the kind asked for. A claim missing or malformed (an ID
 * number with a wrong check digit, a credit code with a wrong check character) is the provider's
 * fault: 502 identity_claims_invalid; an identity of the other kind is 400 oidc_kind_mismatch; an
 * agent whose authorisation is not in force today is 403 authorization_not_in_force.
 */
export function assertedIdentity(issuer: string, claims: Record<string, unknown>, kind: SignInKind, now: number): AssertedIdentity {
  const invalid = (what: string) => Object.assign(new AppError(502, 'identity_claims_invalid'), { claim: what });
  const subject = str(claims.sub, 255);
  const name = str(claims.name, 100);
  const idNo = str(claims.id_no, 18);
  const level = str(claims.real_name_level, 16);
  if (!subject) throw invalid('sub');
  if (!name) throw invalid('name');
  if (!idNo || !isValidResidentIdNumber(idNo)) throw invalid('id_no');
  if (!level) throw invalid('real_name_level');
  const phoneClaim = claims.phone_number_verified === true ? str(claims.phone_number, 20) : null;
  const phone = phoneClaim?.replace(/^\+86/, '') ?? null;
  const type = claims.subject_type;
  if (type !== 'natural_person' && type !== 'legal_person') throw invalid('subject_type');
  if ((type === 'legal_person') !== (kind === 'company')) throw new AppError(400, 'oidc_kind_mismatch');
  const identity: AssertedIdentity = { issuer, subject, name, idNo, phone: phone && isValidMobile(phone) ? phone : null, realNameLevel: level, company: null };
  if (type === 'natural_person') return identity;

  const lp = claims.legal_person as Record<string, unknown> | undefined;
  const companyName = str(lp?.name, 200);
  const creditCode = str(lp?.credit_code, 18);
  const representative = str(lp?.legal_representative, 100);
  if (!companyName) throw invalid('legal_person.name');
  if (!creditCode || !isValidCreditCode(creditCode)) throw invalid('legal_person.credit_code');
  if (!representative) throw invalid('legal_person.legal_representative');
  const actingAs = claims.acting_as;
  if (actingAs !== 'legal_representative' && actingAs !== 'agent') throw invalid('acting_as');
  let authorization: Acting['authorization'] = null;
  if (actingAs === 'agent') {
    const a = claims.authorization as Record<string, unknown> | undefined;
    const id = str(a?.id, 40);
    const validFrom = str(a?.valid_from, 10);
    const validUntil = str(a?.valid_until, 10);
    const scope = Array.isArray(a?.scope) ? (a.scope as unknown[]).filter((s): s is string => typeof s === 'string') : null;
    if (!id || !validFrom || !validUntil || !DAY.test(validFrom) || !DAY.test(validUntil) || !scope?.length) throw invalid('authorization');
    const today = shanghaiToday(now);
    if (today < validFrom || today > validUntil) throw new AppError(403, 'authorization_not_in_force');
    authorization = { id, scope, validFrom, validUntil };
  }
  identity.company = { name: companyName, creditCode, legalRepresentative: representative, actingAs, authorization };
  return identity;
}

/** How the account of a sign-in was found. */
export type LinkOutcome = 'linked_before' | 'linked_by_id_no' | 'created';

const username = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;
/** a password nobody knows: an account made by the unified sign-in has none until its owner sets one */
const unusablePassword = () => hashPassword(randomBytes(32).toString('base64url'));

/**
 * The platform's account of a verified identity (统一身份认证):
 * - a subject seen before signs in as the account it was linked to;
 * - a natural person seen for the first time is linked to the one account of a person with that ID
 *   number, staff first (the security administrator bound it: PUT /admin/users/{username}/identity),
 *   else an applicant (registered, or the window's); otherwise a new applicant account is made;
 * - a person signing in for a company gets that company's account for them (kind company, the
 *   credit code and the company's name; who acts and under which authorisation on the link).
 * Staff accounts are never made here. The link and a new account are written with their audit
 * entries in one transaction.
 */
export async function accountOf(sequelize: Sequelize, identity: AssertedIdentity, now: Date): Promise<{ user: User; outcome: LinkOutcome }> {
  const acting: Acting | null = identity.company
    ? {
        name: identity.name,
        idNo: identity.idNo,
        realNameLevel: identity.realNameLevel,
        actingAs: identity.company.actingAs,
        legalRepresentative: identity.company.legalRepresentative,
        authorization: identity.company.authorization,
      }
    : null;
  const linkValues = {
    subjectType: identity.company ? ('legal_person' as const) : ('natural_person' as const),
    acting,
    authorizationValidUntil: identity.company?.authorization?.validUntil ?? null,
    lastSignInAt: now,
  };
  const existing = await IdentityLink.findOne({ where: { issuer: identity.issuer, subject: identity.subject } });
  if (existing) {
    const user = await User.findByPk(existing.userId);
    if (user) {
      await sequelize.transaction(async (transaction) => {
        await existing.update(linkValues, { transaction });
        if (identity.company && user.companyName !== identity.company.name) await user.update({ companyName: identity.company.name }, { transaction });
      });
      return { user, outcome: 'linked_before' };
    }
  }
  // hashed before the transaction: SQLite holds one transaction at a time
  const passwordHash = await unusablePassword();
  try {
    return await sequelize.transaction(async (transaction) => {
      const found = identity.company ? null : await personAccount(identity.idNo, transaction);
      const user = found ?? (await newAccount(identity, passwordHash, transaction));
      await IdentityLink.create({ issuer: identity.issuer, subject: identity.subject, userId: user.id, createdAt: now, ...linkValues }, { transaction });
      await recordAudit(
        {
          actor: user.username,
          action: 'auth.identity_linked',
          target: `user:${user.username}`,
          detail: {
            issuer: identity.issuer,
            subject: identity.subject,
            subjectType: linkValues.subjectType,
            by: found ? 'id_no' : 'new_account',
            ...(identity.company ? { creditCode: identity.company.creditCode, actingAs: identity.company.actingAs } : {}),
          },
        },
        transaction,
      );
      return { user, outcome: found ? ('linked_by_id_no' as const) : ('created' as const) };
    });
  } catch (err) {
    // two sign-ins of one new subject at once: the other made the link
    if (err instanceof UniqueConstraintError) return accountOf(sequelize, identity, now);
    throw err;
  }
}

/** The one person account holding that ID number: a staff account an administrator bound first, else an applicant's. */
async function personAccount(idNo: string, transaction: Transaction): Promise<User | null> {
  const accounts = await User.findAll({ where: { idNoHash: lookupHash(idNo), accountKind: 'person' }, order: [['id', 'ASC']], transaction });
  return accounts.find((a) => !a.roles.includes('applicant')) ?? accounts[0] ?? null;
}

async function newAccount(identity: AssertedIdentity, passwordHash: string, transaction: Transaction): Promise<User> {
  const company = identity.company;
  // a phone already on another account stays with it: the new account starts without one
  const phoneTaken = identity.phone ? await User.findOne({ attributes: ['id'], where: { phoneHash: lookupHash(identity.phone) }, transaction }) : null;
  const user = await User.create(
    company
      ? {
          username: username('co-'),
          displayName: `${company.name}（${company.actingAs === 'agent' ? '经办人' : '法定代表人'} ${identity.name}）`.slice(0, 100),
          passwordHash,
          roles: ['applicant'],
          departmentCode: null,
          idNo: null,
          phone: null,
          accountKind: 'company',
          creditCode: company.creditCode,
          companyName: company.name,
        }
      : {
          username: username('id-'),
          displayName: identity.name,
          passwordHash,
          roles: ['applicant'],
          departmentCode: null,
          idNo: identity.idNo,
          phone: phoneTaken ? null : identity.phone,
          accountKind: 'person',
        },
    { transaction },
  );
  await recordAudit(
    {
      actor: user.username,
      action: 'account.created',
      target: `user:${user.username}`,
      detail: {
        via: 'oidc',
        kind: user.accountKind,
        roles: user.roles,
        ...(company ? { creditCode: company.creditCode, companyName: company.name } : { idNo: maskPersonal('id-number', identity.idNo) }),
      },
    },
    transaction,
  );
  return user;
}

/** Who acts for a company account now (the last sign-in's), for the pages and a case's applicant. */
export async function actingForCompany(userId: number): Promise<(Acting & { creditCode: string; companyName: string }) | null> {
  const user = await User.findByPk(userId, { attributes: ['id', 'accountKind', 'creditCode', 'companyName'] });
  if (!user || user.accountKind !== 'company' || !user.creditCode) return null;
  const link = await IdentityLink.findOne({ where: { userId, subjectType: 'legal_person', acting: { [Op.ne]: null } }, order: [['lastSignInAt', 'DESC']] });
  return link?.acting ? { ...link.acting, creditCode: user.creditCode, companyName: user.companyName ?? '' } : null;
}
