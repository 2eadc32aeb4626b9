import { Case, CaseMaterial, Commitment, Opinion, TimelineEvent, User } from '../db/index.ts';
import { Op } from 'sequelize';
import { notFound } from '../errors/app-error.ts';
import type { Locale } from '../i18n/locale.ts';
import type { Principal } from '../auth/principal.ts';
import { itemVersion } from '../catalog/items.repository.ts';
import { CASE_STATUSES, FINAL_STATUSES } from './case-status.ts';
import { TIMELINE_TYPES, type TimelineType } from './timeline.ts';
import { canViewCase } from './case-access.ts';
import { deadlineColour } from '../calendar/deadline.ts';

const mask = (value: string, keepStart: number, keepEnd: number) =>
  value.length <= keepStart + keepEnd ? value : `${value.slice(0, keepStart)}${'*'.repeat(value.length - keepStart - keepEnd)}${value.slice(-keepEnd)}`;

/** The case as its viewer may see it: status, applicant (masked), form, materials, opinions and timeline. */
export async function caseView(principal: Principal, caseNo: string, locale: Locale, warningShare: number) {
  const row = await Case.findOne({ where: { caseNo } });
  if (!row || !canViewCase(principal, row)) throw notFound('case_not_found');
  const [item, materials, events, opinions, commitments] = await Promise.all([
    itemVersion(row.itemCode, row.itemVersion),
    CaseMaterial.findAll({ where: { caseId: row.id }, order: [['id', 'ASC']] }),
    TimelineEvent.findAll({ where: { caseId: row.id }, order: [['id', 'ASC']] }),
    Opinion.findAll({ where: { caseId: row.id }, order: [['id', 'ASC']] }),
    Commitment.findAll({ where: { caseId: row.id }, order: [['id', 'ASC']] }),
  ]);
  const userIds = [...new Set(opinions.map((o) => o.userId))];
  const users = new Map((await User.findAll({ where: { id: { [Op.in]: userIds } } })).map((u) => [u.id, u]));
  const materialNames = new Map((item?.definition.materials ?? []).map((m) => [m.code, locale === 'en' ? m.nameEn : m.name]));
  return {
    caseNo: row.caseNo,
    item: { code: row.itemCode, version: row.itemVersion, name: item ? (locale === 'en' ? item.definition.nameEn : item.name) : row.itemCode },
    departmentCode: row.departmentCode,
    channel: row.channel,
    status: row.status,
    statusLabel: CASE_STATUSES[row.status][locale],
    final: FINAL_STATUSES.includes(row.status),
    applicant: {
      name: row.applicantName,
      idType: row.applicantIdType,
      idNo: mask(row.applicantIdNo, 4, 4),
      phone: mask(row.applicantPhone, 3, 4),
    },
    agent: row.agent ? { name: row.agent.name, idNo: mask(row.agent.idNo, 4, 4), phone: mask(row.agent.phone, 3, 4) } : null,
    form: row.form,
    materials: materials.map((m) => ({ code: m.materialCode, name: materialNames.get(m.materialCode) ?? m.materialCode, attachmentId: m.attachmentId })),
    commitments: commitments.map((k) => ({
      materialCode: k.materialCode,
      material: materialNames.get(k.materialCode) ?? k.materialCode,
      text: k.text,
      signer: k.signerName,
      signedAt: k.signedAt.toISOString(),
      sha256: k.sha256,
    })),
    opinions: opinions.map((o) => ({
      step: o.activityName ?? o.activityId,
      outcome: o.outcome,
      comment: o.comment,
      by: users.get(o.userId)?.displayName ?? String(o.userId),
      at: o.createdAt.toISOString(),
    })),
    timeline: events.map((e) => ({
      at: e.createdAt.toISOString(),
      type: e.type,
      label: TIMELINE_TYPES[e.type as TimelineType]?.[locale] ?? e.type,
      actor: e.actor,
      detail: e.detail,
    })),
    deadline: row.acceptedAt && row.promisedDueAt
      ? {
          acceptedAt: row.acceptedAt.toISOString(),
          promisedDueAt: row.promisedDueAt.toISOString(),
          statutoryDueAt: row.statutoryDueAt?.toISOString() ?? null,
          colour: FINAL_STATUSES.includes(row.status) ? null : deadlineColour(row.acceptedAt, row.promisedDueAt, new Date(), warningShare),
        }
      : null,
    processInstanceId: row.processInstanceId,
    submittedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
