import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { departmentByCode } from '../organization/index.ts';
import { Seal } from './seal.model.ts';
import { checkSealImage } from '../documents/seal-image.ts';
import { readP12, type SigningIdentity } from '../documents/signing-identity.ts';
import { validationFailed, type FieldProblem } from '../errors/app-error.ts';
import { issuerName, namesIssuer } from './issuer-name.ts';
import { checkSm2Upload, sandboxSm2, sm2Columns } from './seal-sm2.ts';
import { encryptSecret } from './seal-secrets.ts';
import { codedProblem, documentProblem } from './seal-problems.ts';
import { parseSealUsers, unknownSealUsers } from './seal-users.ts';
import { issueSandboxCertificate, sandboxCaEnabled } from './sandbox-certificates.ts';
import { logSealAction, SEAL_ACTIONS } from './seal-audit.ts';
import { sealView, subjectText, type SealView } from './seal-view.ts';

export interface SealFiles {
  image?: Buffer;
  certificate?: Buffer;
  sm2Certificate?: Buffer;
  sm2Key?: Buffer;
}

const NAME_MAX = 100;
const PASSWORD_MAX = 128;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function flag(fields: Record<string, unknown>, name: string, problems: FieldProblem[]): boolean {
  const raw = fields[name];
  if (raw === undefined || raw === null || raw === '') return false;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string' && /^(true|1|yes|on)$/i.test(raw.trim())) return true;
  if (typeof raw === 'string' && /^(false|0|no|off)$/i.test(raw.trim())) return false;
  problems.push(codedProblem(name, 'not_boolean', `${name}：须为 true 或 false`, `${name}: must be true or false`));
  return false;
}

/**
 * 印章备案: checks everything about a new seal at once (department, name, who may use it, the image
 * against seed 001's rule, the certificate: readable with its password, in force, RSA ≥ 2048, issued
 * to the department; an SM2 certificate and key when given, see ./seal-sm2.ts) and refuses with
 * every problem, writing nothing. Otherwise stores it, with its passwords encrypted, optionally
 * retiring the department's active seals, and logs both. The sandbox CA issues an SM2 certificate
 * with the RSA one.
 */
export async function registerSeal(ctx: AppContext, principal: Principal, fields: Record<string, unknown>, files: SealFiles): Promise<SealView> {
  const problems: FieldProblem[] = [];
  const departmentCode = text(fields.departmentCode);
  const department = departmentCode ? await departmentByCode(departmentCode) : null;
  if (!departmentCode) problems.push(codedProblem('departmentCode', 'required', '所属部门：为必填项', 'departmentCode: is required'));
  else if (!department)
    problems.push(codedProblem('departmentCode', 'department_unknown', `所属部门不存在：${departmentCode}`, `no such department: ${departmentCode}`));

  const name = text(fields.name);
  if (!name) problems.push(codedProblem('name', 'required', '印章名称：为必填项', 'name: is required'));
  else if (name.length > NAME_MAX) problems.push(codedProblem('name', 'too_long', `印章名称：最多${NAME_MAX}个字`, `name: at most ${NAME_MAX} characters`));

  const parsed = parseSealUsers(fields.users);
  problems.push(...parsed.problems);
  if (!parsed.problems.length) problems.push(...(await unknownSealUsers(parsed.users)));
  const replace = flag(fields, 'replace', problems);
  const fromSandbox = flag(fields, 'issueSandboxCertificate', problems);

  if (!files.image) problems.push(codedProblem('image', 'seal_image_missing', '印章图片：请上传PNG格式的印章图片', 'image: upload the seal image (PNG)'));
  else {
    const checked = checkSealImage(files.image);
    if (!checked.ok) problems.push(...checked.problems.map((p) => documentProblem('image', p)));
  }

  const issuer = department ? issuerName(ctx.config.regionCode, department.nameZh) : undefined;
  let signer: { p12: Buffer; password: string; identity: SigningIdentity } | undefined;
  if (fromSandbox && files.certificate) {
    problems.push(
      codedProblem(
        'certificate',
        'certificate_ambiguous',
        '签章证书：上传证书与由沙箱CA签发只能选一种',
        'certificate: upload one or ask the sandbox CA for one, not both',
      ),
    );
  } else if (fromSandbox) {
    if (!sandboxCaEnabled(ctx.config)) {
      problems.push(
        codedProblem(
          'issueSandboxCertificate',
          'sandbox_ca_disabled',
          '沙箱CA签发的证书无人信任，仅用于内置演示模式或已开启SANDBOX_CA的测试环境；请上传正式CA签发的签章证书（.p12/.pfx）',
          'nothing trusts the sandbox CA: it issues certificates only in the embedded default or where SANDBOX_CA is on; upload a certificate from a real CA (.p12/.pfx)',
        ),
      );
    }
  } else if (!files.certificate) {
    problems.push(
      codedProblem(
        'certificate',
        'certificate_missing',
        '签章证书：请上传PKCS#12（.p12/.pfx）签章证书，或选择由沙箱CA签发',
        'certificate: upload a PKCS#12 (.p12/.pfx) signing certificate, or ask the sandbox CA for one',
      ),
    );
  } else {
    const password = typeof fields.password === 'string' ? fields.password : '';
    if (password.length > PASSWORD_MAX)
      problems.push(codedProblem('password', 'too_long', `证书密码：最多${PASSWORD_MAX}个字符`, `password: at most ${PASSWORD_MAX} characters`));
    const opened = readP12(files.certificate, password);
    if (!opened.ok) problems.push(...opened.problems.map((p) => documentProblem('certificate', p)));
    else if (issuer && !namesIssuer(opened.info.subject, issuer)) {
      const holder = opened.info.subject.commonName ?? opened.info.subject.organization ?? '';
      problems.push(
        codedProblem(
          'certificate',
          'signer_not_issuer',
          `签章证书属于“${holder}”，不是“${issuer}”的证书`,
          `the certificate belongs to "${holder}", not to "${issuer}"`,
        ),
      );
    } else signer = { p12: files.certificate, password, identity: opened.info };
  }
  let sm2 = checkSm2Upload(fields, files, issuer, problems);
  if (problems.length) throw validationFailed(problems);

  if (!signer) {
    const issued = issueSandboxCertificate(ctx.config, issuer!);
    const opened = readP12(issued.p12, issued.password);
    if (!opened.ok) throw new Error(`the sandbox CA issued an unusable certificate for ${departmentCode}`);
    signer = { ...issued, identity: opened.info };
    sm2 ??= sandboxSm2(ctx.config, issuer!);
  }
  const { identity } = signer;
  const seal = await ctx.sequelize.transaction(async (transaction) => {
    const replaced = replace ? await Seal.findAll({ attributes: ['id'], where: { departmentCode, active: true }, transaction }) : [];
    const created = await Seal.create(
      {
        departmentCode,
        name,
        image: files.image!,
        certificateP12: signer.p12,
        p12Password: encryptSecret(ctx.config.sealKey, signer.password, { departmentCode, certificateSerial: identity.serialNumber }),
        certificateSubject: subjectText(identity.subject),
        certificateSerial: identity.serialNumber,
        validFrom: identity.validFrom,
        validUntil: identity.validTo,
        ...sm2Columns(ctx.config.sealKey, departmentCode, sm2),
        users: parsed.users,
        createdBy: principal.username,
      },
      { transaction },
    );
    for (const old of replaced) {
      await Seal.update({ active: false }, { where: { id: old.id }, transaction });
      await logSealAction(old.id, `${SEAL_ACTIONS.disabled}：由印章#${created.id}替换`, principal.username, transaction);
    }
    const note = replaced.length ? `（替换印章${replaced.map((s) => `#${s.id}`).join('、')}）` : '';
    await logSealAction(created.id, `${SEAL_ACTIONS.enabled}${note}`, principal.username, transaction);
    return created;
  });
  return sealView(seal, department!.nameZh);
}
