import type { DeployedDecisionRef } from '../../contract/bpmn/lint/index.ts';
import type { PolicyBounds } from '../../contract/bpmn/lint/index.ts';
import { createHash } from 'node:crypto';
import { UniqueConstraintError, type Sequelize } from 'sequelize';
import { ModelerDeployment, ProcessDraft, ProcessDraftRevision } from './process-draft.model.ts';
import { AppError, conflict } from '../errors/app-error.ts';
import type { Principal } from '../auth/index.ts';
import { checkBpmn } from './deployment-policy.ts';
import { BpmnRefused } from './bpmn-refused.ts';
import type { Problem } from './problems.ts';

const draftNotFound = () => new AppError(404, 'draft_not_found');
const sha256 = (xml: string) => createHash('sha256').update(xml, 'utf8').digest('hex');

/**
 * A draft may be unfinished (lint errors are fine) but must be BPMN we can read, and nothing the
 * policy refuses before parsing (DOCTYPE, oversize) is ever stored.
 */
async function readable(xml: string, bounds: PolicyBounds, decisions: readonly DeployedDecisionRef[]): Promise<Problem[]> {
  const check = await checkBpmn(xml, bounds, decisions);
  if (!check.parsed) throw new BpmnRefused('bpmn_unreadable', check.problems);
  return check.problems;
}

const draftView = (d: ProcessDraft) => ({
  id: d.id,
  processKey: d.processKey,
  name: d.name,
  revision: d.revision,
  createdBy: d.createdBy,
  updatedBy: d.updatedBy,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export async function createDraft(
  sequelize: Sequelize,
  principal: Principal,
  body: { processKey: string; name: string; xml: string },
  bounds: PolicyBounds,
  decisions: readonly DeployedDecisionRef[] = [],
) {
  const problems = await readable(body.xml, bounds, decisions);
  try {
    const draft = await sequelize.transaction(async (transaction) => {
      const created = await ProcessDraft.create(
        { processKey: body.processKey, name: body.name.trim(), revision: 1, createdBy: principal.username, updatedBy: principal.username },
        { transaction },
      );
      await ProcessDraftRevision.create(
        { draftId: created.id, revision: 1, xml: body.xml, sha256: sha256(body.xml), size: Buffer.byteLength(body.xml), savedBy: principal.username },
        { transaction },
      );
      return created;
    });
    return { ...draftView(draft), problems };
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw conflict('draft_exists');
    throw err;
  }
}

/**
 * Saves a new revision on top of `baseRevision`. The compare-and-set on the draft's revision
 * makes a save from a stale copy a 409, whoever wrote in between. An unchanged file makes no
 * revision.
 */
export async function saveDraft(
  sequelize: Sequelize,
  principal: Principal,
  id: number,
  body: { xml: string; baseRevision: number; name?: string },
  bounds: PolicyBounds,
  decisions: readonly DeployedDecisionRef[] = [],
) {
  const draft = await ProcessDraft.findByPk(id);
  if (!draft) throw draftNotFound();
  if (draft.revision !== body.baseRevision) throw conflict('draft_revision_stale');
  const problems = await readable(body.xml, bounds, decisions);
  const current = await ProcessDraftRevision.findOne({ where: { draftId: id, revision: draft.revision } });
  if (current?.sha256 === sha256(body.xml) && (!body.name || body.name.trim() === draft.name)) return { ...draftView(draft), saved: false, problems };
  const revision = body.baseRevision + 1;
  await sequelize.transaction(async (transaction) => {
    const [updated] = await ProcessDraft.update(
      { revision, updatedBy: principal.username, updatedAt: new Date(), ...(body.name ? { name: body.name.trim() } : {}) },
      { where: { id, revision: body.baseRevision }, transaction },
    );
    if (updated !== 1) throw conflict('draft_revision_stale');
    await ProcessDraftRevision.create(
      { draftId: id, revision, xml: body.xml, sha256: sha256(body.xml), size: Buffer.byteLength(body.xml), savedBy: principal.username },
      { transaction },
    );
  });
  return { ...draftView((await ProcessDraft.findByPk(id))!), saved: true, problems };
}

export async function listDrafts() {
  const drafts = await ProcessDraft.findAll({ order: [['updatedAt', 'DESC']] });
  const deployments = await ModelerDeployment.findAll({ order: [['id', 'DESC']] });
  return drafts.map((d) => {
    const last = deployments.find((x) => x.draftId === d.id);
    return { ...draftView(d), lastDeployment: last ? deploymentView(last) : null };
  });
}

export const deploymentView = (d: ModelerDeployment) => ({
  revision: d.revision,
  processKey: d.processKey,
  deploymentId: d.engineDeploymentId,
  processDefinitionId: d.processDefinitionId,
  version: d.processDefinitionVersion,
  deployedBy: d.deployedBy,
  deployedAt: d.deployedAt,
});

export async function findDraft(id: number): Promise<ProcessDraft> {
  const draft = await ProcessDraft.findByPk(id);
  if (!draft) throw draftNotFound();
  return draft;
}

export async function draftRevision(id: number, revision: number): Promise<ProcessDraftRevision> {
  const row = await ProcessDraftRevision.findOne({ where: { draftId: id, revision } });
  if (!row) throw draftNotFound();
  return row;
}

/** The draft with its current XML, every revision (newest first, without XML) and its deployments. */
export async function getDraft(id: number) {
  const draft = await findDraft(id);
  const revisions = await ProcessDraftRevision.findAll({
    where: { draftId: id },
    attributes: ['revision', 'sha256', 'size', 'savedBy', 'savedAt'],
    order: [['revision', 'DESC']],
  });
  const current = await draftRevision(id, draft.revision);
  const deployments = await ModelerDeployment.findAll({ where: { draftId: id }, order: [['id', 'DESC']] });
  return {
    ...draftView(draft),
    xml: current.xml,
    revisions: revisions.map((r) => ({ revision: r.revision, sha256: r.sha256, size: r.size, savedBy: r.savedBy, savedAt: r.savedAt })),
    deployments: deployments.map(deploymentView),
  };
}
