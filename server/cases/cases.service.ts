import { storageOf } from '../storage/index.ts';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { Case } from './case.model.ts';
import { Commitment } from './commitment.model.ts';
import { TimelineEvent } from './timeline-event.model.ts';
import { commitmentHash, commitmentText, deferralText } from './commitments.ts';
import type { AppContext } from '../context.ts';
import { AppError, conflict, engineUnavailable, validationFailed, fieldProblem } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { hasRole, idNoOfAccount, type Principal } from '../auth/index.ts';
import { applicantIdFor, companyActing, withOwnIdNumber } from './applicant-identity.ts';
import { submissionSchema, type ApplicationParts, type Submission } from './submission-schema.ts';
import { targetOfSubmission, type SubmissionTarget } from './submission-target.ts';
import { checkMaterials } from './material-check.ts';
import { copyGivenMaterials, dropGivenMaterials, storeGivenMaterials } from './given-materials.ts';
import { fileApplicationDocuments } from './application-documents.ts';
import type { Config } from '../config/schema.ts';
import type { ItemVersion } from '../catalog/index.ts';
import { nextCaseNumber } from './case-number.ts';
import { caseRegions } from './handling-region.ts';
import { recordTimeline } from './timeline.ts';
import { PROACTIVE_CHANNEL, type Channel } from '../../contract/channels.ts';
import type { MaterialRequirement } from '../../contract/catalog/item.ts';
import { VARIABLES } from '../../contract/topics.ts';
import type { Variables } from '../engine/types.ts';
import { checkDeliveryChoice } from './delivery-choice.ts';
import { agentOfSubmission } from './case-agent.ts';
import { isMaskedEcho, personalFieldsOf } from '../../contract/catalog/personal.ts';
import { restoreMaskedEchoes } from '../privacy/mask-form.ts';
import { knownFormValues } from './prefill.service.ts';

function channelFor(principal: Principal, requested: Channel | undefined): Channel {
  const allowed: Channel[] = hasRole(principal, 'clerk') ? ['window', 'assisted', 'kiosk'] : ['web', 'mobile'];
  const channel = requested ?? allowed[0]!;
  if (!allowed.includes(channel)) {
    throw validationFailed([fieldProblem('channel', `渠道：当前账号不能以“${channel}”渠道提交`, `channel: this account cannot submit through "${channel}"`)]);
  }
  return channel;
}

export interface SubmitResult {
  caseNo: string;
  status: string;
  replayed: boolean;
}

/**
 * Submits a case: validates everything a client can send (nothing is written on a 4xx), writes the
 * case with its number, materials and first timeline entry in one transaction, then starts its
 * process. If the engine cannot start it, the case is removed again and the caller gets a 503.
 */
/**
 * 免申即享 (server/proactive): a case the platform opens itself on the channel "proactive", for the
 * person a policy names (the principal is that person accepting, or the platform's service account
 * granting directly), with the materials the registries stand in for recorded as shared (免提交).
 */
export interface ProactiveSubmission {
  shared: { materialCode: string; source: string }[];
}

export async function submitCase(
  ctx: AppContext,
  principal: Principal,
  sent: unknown,
  idempotencyKey?: string,
  proactive?: ProactiveSubmission,
): Promise<SubmitResult> {
  const body = proactive ? sent : await withOwnIdNumber(principal, sent);
  assertValid<Submission>(submissionSchema, body);
  const submission = body as Submission;
  const channel = proactive ? PROACTIVE_CHANNEL : channelFor(principal, submission.channel);
  // 帮办代办 (assisted) or 委托代理 online: the agent as recorded; the applicant is then the person applied for
  const agent = proactive ? null : await agentOfSubmission(principal, submission, channel);
  // 免申即享: the policy named the applicant from the registries; nothing is filled in from anyone's records
  const forSomeoneElse = Boolean(proactive) || (Boolean(agent) && channel !== 'assisted');
  if (agent) submission.agent = agent;
  if (!forSomeoneElse) await applicantIdFor(principal, submission.applicant.idNo);
  if (idempotencyKey !== undefined && !/^[\w.:-]{8,64}$/.test(idempotencyKey)) {
    throw validationFailed([
      fieldProblem('Idempotency-Key', 'Idempotency-Key 应为 8–64 位字母、数字或 ._:-', 'Idempotency-Key must be 8–64 letters, digits or ._:-'),
    ]);
  }
  if (idempotencyKey) {
    const existing = await Case.findOne({ where: { submittedBy: principal.id, idempotencyKey } });
    if (existing) return { caseNo: existing.caseNo, status: existing.status, replayed: true };
  }
  const target = await targetOfSubmission(submission);
  if (!proactive && !target.channels.includes(channel)) {
    throw validationFailed([fieldProblem('channel', `渠道：不受理“${channel}”渠道的申请`, `channel: not offered through "${channel}"`)]);
  }
  // values shown masked by prefill and sent back unchanged are the ones the platform holds (shown to
  // the applicant only: someone applying for them is shown nothing, and nothing is filled in for them)
  if (!forSomeoneElse) {
    const known = await knownFormValues(submission.applicant.idNo, target.items);
    submission.form = restoreMaskedEchoes(submission.form, known.form, personalFieldsOf(target.formSchema));
    // likewise an e-license numbered by the holder's ID number, offered masked
    submission.materials = submission.materials.map((m) => {
      const license = m.eLicenseNumber && known.licenses.find((l) => isMaskedEcho('id-number', m.eLicenseNumber, l.number));
      return license ? { ...m, eLicenseNumber: license.number } : m;
    });
  }
  assertValid(target.formSchema, submission.form, 'form');
  const deliveryChoice = submission.delivery ? checkDeliveryChoice(submission.delivery, 'delivery') : null;
  // 绿色通道 is the window's to grant, in front of the person: an applicant cannot put their own case first
  if (submission.priority && !hasRole(principal, 'clerk')) {
    throw validationFailed([
      fieldProblem('priority', '绿色通道：只能由窗口工作人员在受理时登记', 'priority: only a window clerk can put a case in the priority lane, at the window'),
    ]);
  }
  await checkMaterials(target, submission, submission.applicant.idNo, principal);
  const regions = await caseRegions(principal, submission.regionCode, target);
  // 法人: a company's account applies for the company; who acted, and under which authorisation, is recorded
  const company = await companyActing(principal);
  // who signs the commitments: the applicant, or the agent acting for them (writeApplication)
  const actingIdNo = proactive ? null : await idNoOfAccount(principal.id);

  let created: Case;
  try {
    created = await ctx.sequelize.transaction(async (transaction) => {
      const caseNo = await nextCaseNumber(ctx.sequelize, regions.handling.code, transaction);
      const row = await Case.create(
        {
          caseNo,
          kind: target.kind,
          itemCode: target.code,
          itemVersion: target.version,
          departmentCode: target.departmentCode,
          regionCode: regions.handling.code,
          receivedRegionCode: regions.received.code,
          channel,
          status: 'submitted',
          applicantName: submission.applicant.name,
          applicantIdType: submission.applicant.idType,
          applicantIdNo: submission.applicant.idNo,
          applicantPhone: submission.applicant.phone,
          form: submission.form,
          agent: submission.agent ?? null,
          answers: target.answers,
          deliveryChoice,
          priorityReason: submission.priority?.reason ?? null,
          processInstanceId: null,
          submittedBy: principal.id,
          idempotencyKey: idempotencyKey ?? null,
          finishedAt: null,
        },
        { transaction },
      );
      await writeApplication(row, target, { ...submission, shared: proactive?.shared }, ctx.config, transaction, actingIdNo);
      if (target.kind === 'bundle') await createItemCases(row, target, transaction);
      await recordTimeline(
        {
          caseId: row.id,
          type: 'case.submitted',
          actor: principal.username,
          detail: {
            channel,
            itemName: target.name,
            region: regions.handling.nameZh,
            ...(regions.received.code !== regions.handling.code ? { receivedIn: regions.received.nameZh } : {}),
            ...(target.kind === 'bundle' ? { items: target.items.map((i) => i.code) } : {}),
            ...(submission.agent ? { agent: submission.agent.name } : {}),
            ...(submission.priority ? { priority: submission.priority.reason } : {}),
            ...(company
              ? {
                  actingFor: {
                    company: company.companyName,
                    by: company.name,
                    as: company.actingAs,
                    authorization: company.authorization
                      ? { id: company.authorization.id, scope: company.authorization.scope, validUntil: company.authorization.validUntil }
                      : null,
                  },
                }
              : {}),
            ...(submission.commitments?.length ? { commitments: submission.commitments.map((c) => c.materialCode) } : {}),
            ...(submission.deferrals?.length ? { deferrals: submission.deferrals.map((c) => c.materialCode) } : {}),
          },
        },
        transaction,
      );
      return row;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError && idempotencyKey) {
      const existing = await Case.findOne({ where: { submittedBy: principal.id, idempotencyKey } });
      if (existing) return { caseNo: existing.caseNo, status: existing.status, replayed: true };
      throw conflict('duplicate_submission');
    }
    throw err;
  }

  try {
    const instance = await ctx.engine.startProcess(target.processKey, created.caseNo, await startVariables(created, target));
    await Case.update({ processInstanceId: instance.id }, { where: { id: created.id } });
  } catch (err) {
    ctx.logger.error({ err, caseNo: created.caseNo }, 'could not start the case process; removing the case');
    await ctx.sequelize.transaction(async (transaction) => {
      const ids = [created.id, ...(await Case.findAll({ where: { parentCaseId: created.id }, transaction })).map((c) => c.id)];
      await dropGivenMaterials(ids, transaction);
      await Commitment.destroy({ where: { caseId: { [Op.in]: ids } }, transaction });
      await TimelineEvent.destroy({ where: { caseId: { [Op.in]: ids } }, transaction });
      await Case.destroy({ where: { parentCaseId: created.id }, transaction });
      await created.destroy({ transaction });
    });
    if (err instanceof AppError) throw err;
    throw engineUnavailable();
  }
  ctx.logger.info({ caseNo: created.caseNo, kind: target.kind, code: target.code, channel }, 'case submitted');
  return { caseNo: created.caseNo, status: 'submitted', replayed: false };
}

/**
 * Writes what the applicant handed in: the materials, the signed 告知承诺 and 容缺 commitments
 * (texts by the platform, hashed with signer and time). Used at submission and at resubmission.
 * The commitments are signed by the applicant, or by the case's agent when the one acting is not
 * the applicant (`actingIdNo`: the ID number of who acts; a clerk's is none): the agent who came
 * to the window (帮办代办), the person applying online for someone else (委托代理).
 */
export async function writeApplication(
  row: Case,
  target: SubmissionTarget,
  parts: ApplicationParts,
  config: Config,
  transaction: Transaction,
  actingIdNo: string | null,
): Promise<void> {
  await storeGivenMaterials(row.id, parts.materials, target.materials, transaction);
  await fileApplicationDocuments(row, target, storageOf(config), transaction);
  const signedAt = new Date();
  const requirement = (code: string) => target.materials.find((m) => m.code === code)!;
  const agent = row.agent && actingIdNo !== row.applicantIdNo ? row.agent : null;
  const { name, idNo } = agent ?? { name: row.applicantName, idNo: row.applicantIdNo };
  const sign = (materialCode: string, kind: 'replacement' | 'deferral' | 'shared', source?: string) => {
    const text =
      kind === 'replacement'
        ? commitmentText(target.name, requirement(materialCode), row.applicantName, agent?.name)
        : kind === 'shared'
          ? sharedMaterialText(requirement(materialCode), source!)
          : deferralText(target.name, requirement(materialCode), row.applicantName, config.deficiencyWorkingDays, agent?.name);
    return { caseId: row.id, materialCode, kind, text, signerName: name, signerIdNo: idNo, signedAt, sha256: commitmentHash(text, name, idNo, signedAt) };
  };
  await Commitment.bulkCreate(
    [
      ...(parts.commitments ?? []).map((c) => sign(c.materialCode, 'replacement')),
      ...(parts.deferrals ?? []).map((c) => sign(c.materialCode, 'deferral')),
      ...(parts.shared ?? []).map((c) => sign(c.materialCode, 'shared', c.source)),
    ],
    { transaction },
  );
}

/** 免提交: a material the registries stand in for, as the case records where it came from. */
const sharedMaterialText = (material: MaterialRequirement, source: string) => `${material.name}：已由${source}共享取得，申请人免于提交（免申即享）`;

/** The item case number of the n-th item (from 1) of a bundle case. */
export const itemCaseNo = (bundleCaseNo: string, n: number): string => `${bundleCaseNo}-${String(n).padStart(2, '0')}`;

/** The item's fields of a bundle's one form. */
function formOfItem(form: Record<string, unknown>, item: ItemVersion): Record<string, unknown> {
  const fields = Object.keys((item.formSchema.properties ?? {}) as Record<string, unknown>);
  return Object.fromEntries(Object.entries(form).filter(([name]) => fields.includes(name)));
}

/**
 * Gives an item case of a bundle its part of what the applicant handed in: its item's fields of
 * the one form and the materials its item asks for, so each department sees its own part.
 */
export async function shareWithItemCases(bundle: Case, target: SubmissionTarget, transaction: Transaction): Promise<void> {
  const children = await Case.findAll({ where: { parentCaseId: bundle.id }, transaction });
  for (const child of children) {
    const item = target.items.find((i) => i.code === child.itemCode)!;
    await child.update({ form: formOfItem(bundle.form, item) }, { transaction });
    await copyGivenMaterials(bundle.id, child.id, new Set(item.definition.materials.map((m) => m.code)), transaction);
  }
}

/** 一件事: one item case per applicable item, each with its own number. */
async function createItemCases(bundle: Case, target: SubmissionTarget, transaction: Transaction): Promise<void> {
  for (const [index, item] of target.items.entries()) {
    await Case.create(
      {
        caseNo: itemCaseNo(bundle.caseNo, index + 1),
        kind: 'item',
        parentCaseId: bundle.id,
        itemCode: item.code,
        itemVersion: item.version,
        departmentCode: item.departmentCode,
        regionCode: bundle.regionCode,
        receivedRegionCode: bundle.receivedRegionCode,
        channel: bundle.channel,
        status: 'submitted',
        applicantName: bundle.applicantName,
        applicantIdType: bundle.applicantIdType,
        applicantIdNo: bundle.applicantIdNo,
        applicantPhone: bundle.applicantPhone,
        form: {},
        agent: bundle.agent,
        priorityReason: bundle.priorityReason,
        processInstanceId: null,
        submittedBy: bundle.submittedBy,
        idempotencyKey: null,
        finishedAt: null,
      },
      { transaction },
    );
  }
  await shareWithItemCases(bundle, target, transaction);
}

/** The variables a case's process starts with; a bundle's carry its items as lists for the multi-instance. */
async function startVariables(row: Case, target: SubmissionTarget): Promise<Variables> {
  const string = (value: string) => ({ value, type: 'String' as const });
  const variables: Variables = {
    [VARIABLES.caseNo]: string(row.caseNo),
    [VARIABLES.itemCode]: string(target.code),
    [VARIABLES.departmentCode]: string(target.departmentCode),
    [VARIABLES.regionCode]: string(row.regionCode!),
  };
  // 办理情形: each answer is a process variable of its question's name, for the item's gateways
  if (target.kind === 'item') {
    // 秒批: the item process's instant_marked gateway sends the accepted case to instant-approval
    if (target.items[0]?.definition.instantApproval) variables[VARIABLES.instantApproval] = { value: true, type: 'Boolean' };
    // 给付: the payout step after the approval notice
    if (target.items[0]?.definition.payout) variables[VARIABLES.payout] = { value: true, type: 'Boolean' };
    for (const [question, answer] of Object.entries(target.answers ?? {})) {
      variables[question] = typeof answer === 'boolean' ? { value: answer, type: 'Boolean' } : string(answer);
    }
    return variables;
  }
  const children = await Case.findAll({ where: { parentCaseId: row.id }, order: [['caseNo', 'ASC']] });
  return {
    ...variables,
    [VARIABLES.itemCount]: { value: children.length, type: 'Integer' },
    [VARIABLES.itemCaseNos]: string(children.map((c) => c.caseNo).join(',')),
    [VARIABLES.itemCodes]: string(target.items.map((i) => i.code).join(',')),
    [VARIABLES.itemDepartments]: string(target.items.map((i) => i.departmentCode).join(',')),
    [VARIABLES.itemProcessKeys]: string(target.items.map((i) => i.processKey).join(',')),
    [VARIABLES.onItemRejected]: string(target.onItemRejected ?? 'continue'),
  };
}
