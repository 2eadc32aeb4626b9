import { Op, UniqueConstraintError } from 'sequelize';
import { Attachment, Case, CaseMaterial, Commitment, TimelineEvent } from '../db/index.ts';
import { commitmentHash, commitmentText } from './commitments.ts';
import type { AppContext } from '../context.ts';
import { AppError, conflict, engineUnavailable, validationFailed, type FieldProblem } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { latestItem, type ItemVersion } from '../catalog/items.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { hasRole } from '../auth/principal.ts';
import { formatOfMimeType } from '../attachments/sniff.ts';
import { reusableAttachmentIds } from './prefill.service.ts';
import { applicantIdFor } from './applicant-identity.ts';
import { submissionSchema, type Submission } from './submission-schema.ts';
import { nextCaseNumber } from './case-number.ts';
import { recordTimeline } from './timeline.ts';
import type { Channel } from './case-status.ts';
import { VARIABLES } from '../../processes/topics.ts';

const problem = (field: string, zh: string, en: string): FieldProblem => ({ field, message: { 'zh-CN': zh, en } });

function channelFor(principal: Principal, requested: Channel | undefined): Channel {
  const allowed: Channel[] = hasRole(principal, 'clerk') ? ['window', 'assisted', 'kiosk'] : ['web', 'mobile'];
  const channel = requested ?? allowed[0]!;
  if (!allowed.includes(channel)) {
    throw validationFailed([problem('channel', `渠道：当前账号不能以“${channel}”渠道提交`, `channel: this account cannot submit through "${channel}"`)]);
  }
  return channel;
}

/** Checks every material against the item and the caller's uploads; reports all problems at once. */
async function checkMaterials(item: ItemVersion, submission: Submission, principal: Principal): Promise<void> {
  const problems: FieldProblem[] = [];
  const requirements = new Map(item.definition.materials.map((m) => [m.code, m]));
  const ids = [...new Set(submission.materials.map((m) => m.attachmentId))];
  const attachments = new Map((await Attachment.findAll({ where: { id: { [Op.in]: ids } } })).map((a) => [a.id, a]));
  // 前序流程已收取的材料不需提交: files the applicant handed in with earlier cases may be named again
  const reusable = await reusableAttachmentIds(submission.applicant.idNo, ids);
  const seen = new Set<string>();
  submission.materials.forEach((material, i) => {
    const field = `materials.${i}`;
    const requirement = requirements.get(material.code);
    const attachment = attachments.get(material.attachmentId);
    if (!requirement) {
      problems.push(problem(`${field}.code`, `材料“${material.code}”不是本事项的申请材料`, `material "${material.code}" is not a material of this item`));
    } else if (!attachment || (attachment.uploadedBy !== principal.id && !reusable.has(attachment.id))) {
      problems.push(problem(`${field}.attachmentId`, `${requirement.name}：附件不存在或不是由您上传的`, `${requirement.nameEn}: no such attachment among your uploads`));
    } else if (!requirement.formats.some((f) => f === formatOfMimeType(attachment.mimeType))) {
      problems.push(problem(`${field}.attachmentId`, `${requirement.name}：只接受 ${requirement.formats.join('/')} 格式`, `${requirement.nameEn}: only ${requirement.formats.join('/')} accepted`));
    }
    if (seen.has(material.attachmentId)) {
      problems.push(problem(`${field}.attachmentId`, '同一附件重复提交', 'the same attachment is listed twice'));
    }
    seen.add(material.attachmentId);
  });
  (submission.commitments ?? []).forEach((commitment, i) => {
    const field = `commitments.${i}.materialCode`;
    const requirement = requirements.get(commitment.materialCode);
    if (!requirement?.commitment) {
      problems.push(problem(field, `告知承诺：“${requirement?.name ?? commitment.materialCode}”不能以承诺代替`, `commitments: "${requirement?.nameEn ?? commitment.materialCode}" cannot be replaced by a commitment`));
    } else if (submission.materials.some((m) => m.code === commitment.materialCode)) {
      problems.push(problem(field, `告知承诺：已提交“${requirement.name}”，无需再作承诺`, `commitments: "${requirement.nameEn}" was handed in, no commitment is needed`));
    } else if ((submission.commitments ?? []).filter((c) => c.materialCode === commitment.materialCode).length > 1) {
      problems.push(problem(field, `告知承诺：“${requirement.name}”重复承诺`, `commitments: "${requirement.nameEn}" is listed twice`));
    }
  });
  if (problems.length) throw validationFailed(problems);
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
export async function submitCase(ctx: AppContext, principal: Principal, body: unknown, idempotencyKey?: string): Promise<SubmitResult> {
  assertValid<Submission>(submissionSchema, body);
  const submission = body as Submission;
  await applicantIdFor(principal, submission.applicant.idNo);
  if (idempotencyKey !== undefined && !/^[\w.:-]{8,64}$/.test(idempotencyKey)) {
    throw validationFailed([problem('Idempotency-Key', 'Idempotency-Key 应为 8–64 位字母、数字或 ._:-', 'Idempotency-Key must be 8–64 letters, digits or ._:-')]);
  }
  if (idempotencyKey) {
    const existing = await Case.findOne({ where: { submittedBy: principal.id, idempotencyKey } });
    if (existing) return { caseNo: existing.caseNo, status: existing.status, replayed: true };
  }
  const item = await latestItem(submission.itemCode);
  if (!item) throw validationFailed([problem('itemCode', `事项编码：事项“${submission.itemCode}”不存在`, `itemCode: no item "${submission.itemCode}"`)]);
  const channel = channelFor(principal, submission.channel);
  // 帮办代办: an assisted submission names its agent; no other channel has one
  if (channel === 'assisted' && !submission.agent) {
    throw validationFailed([problem('agent', '帮办代办人：帮办代办渠道须登记代办人', 'agent: an assisted submission must name its agent')]);
  }
  if (channel !== 'assisted' && submission.agent) {
    throw validationFailed([problem('agent', '帮办代办人：只有帮办代办渠道登记代办人', 'agent: only an assisted submission names an agent')]);
  }
  if (!item.definition.channels.includes(channel)) {
    throw validationFailed([problem('channel', `渠道：本事项不受理“${channel}”渠道的申请`, `channel: this item is not offered through "${channel}"`)]);
  }
  assertValid(item.formSchema, submission.form, 'form');
  await checkMaterials(item, submission, principal);

  let created: Case;
  try {
    created = await ctx.sequelize.transaction(async (transaction) => {
      const caseNo = await nextCaseNumber(ctx.sequelize, ctx.config.regionCode, transaction);
      const row = await Case.create(
        {
          caseNo,
          itemCode: item.code,
          itemVersion: item.version,
          departmentCode: item.departmentCode,
          channel,
          status: 'submitted',
          applicantName: submission.applicant.name,
          applicantIdType: submission.applicant.idType,
          applicantIdNo: submission.applicant.idNo,
          applicantPhone: submission.applicant.phone,
          form: submission.form,
          agent: submission.agent ?? null,
          processInstanceId: null,
          submittedBy: principal.id,
          idempotencyKey: idempotencyKey ?? null,
          finishedAt: null,
        },
        { transaction },
      );
      await CaseMaterial.bulkCreate(
        submission.materials.map((m) => ({ caseId: row.id, materialCode: m.code, attachmentId: m.attachmentId })),
        { transaction },
      );
      const signedAt = new Date();
      const committed = (submission.commitments ?? []).map(({ materialCode }) => {
        const text = commitmentText(item.name, item.definition.materials.find((m) => m.code === materialCode)!, submission.applicant.name);
        const { name, idNo } = submission.applicant;
        return { caseId: row.id, materialCode, text, signerName: name, signerIdNo: idNo, signedAt, sha256: commitmentHash(text, name, idNo, signedAt) };
      });
      await Commitment.bulkCreate(committed, { transaction });
      await recordTimeline(
        {
          caseId: row.id,
          type: 'case.submitted',
          actor: principal.username,
          detail: {
            channel,
            itemName: item.name,
            ...(submission.agent ? { agent: submission.agent.name } : {}),
            ...(committed.length ? { commitments: committed.map((c) => c.materialCode) } : {}),
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
    const instance = await ctx.engine.startProcess(item.processKey, created.caseNo, {
      [VARIABLES.caseNo]: { value: created.caseNo, type: 'String' },
      [VARIABLES.itemCode]: { value: item.code, type: 'String' },
      [VARIABLES.departmentCode]: { value: item.departmentCode, type: 'String' },
    });
    await Case.update({ processInstanceId: instance.id }, { where: { id: created.id } });
  } catch (err) {
    ctx.logger.error({ err, caseNo: created.caseNo }, 'could not start the case process; removing the case');
    await ctx.sequelize.transaction(async (transaction) => {
      await CaseMaterial.destroy({ where: { caseId: created.id }, transaction });
      await Commitment.destroy({ where: { caseId: created.id }, transaction });
      await TimelineEvent.destroy({ where: { caseId: created.id }, transaction });
      await created.destroy({ transaction });
    });
    if (err instanceof AppError) throw err;
    throw engineUnavailable();
  }
  ctx.logger.info({ caseNo: created.caseNo, itemCode: item.code, channel }, 'case submitted');
  return { caseNo: created.caseNo, status: 'submitted', replayed: false };
}
