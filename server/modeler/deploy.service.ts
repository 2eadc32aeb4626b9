import { recordAudit } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { ModelerDeployment } from './process-draft.model.ts';
import { AppError, conflict } from '../errors/app-error.ts';
import { EngineError } from '../engine/client.ts';
import { checkDeployment } from './deployment-policy.ts';
import { BpmnRefused } from './bpmn-refused.ts';
import { draftRevision, findDraft, deploymentView } from './drafts.service.ts';
import { platformProcessKeys } from './platform-processes.ts';
import { deployedDecisions } from './deployed-decisions.ts';
import { compareBpmn } from './bpmn-diff.ts';
import { hasErrors, problem } from './problems.ts';

export const deploySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { revision: { type: 'integer', minimum: 1, title: '草稿版本', 'x-title-en': 'Draft revision' } },
} as const;

const versionNotFound = () => new AppError(404, 'process_version_not_found');

/** The engine's deployment name for a process deployed from the modeler (duplicate filtering is per name). */
export const modelerDeploymentName = (processKey: string) => `modeler:${processKey}`;

/**
 * Deploys the draft's current revision: the full check again (lint and policy); refused, nothing
 * reaches the engine. An unchanged file creates no new version (the engine's duplicate filter).
 */
export async function deployDraft(ctx: AppContext, principal: Principal, id: number, body: { revision?: number }) {
  const draft = await findDraft(id);
  if (body.revision !== undefined && body.revision !== draft.revision) throw conflict('draft_revision_stale');
  const revision = await draftRevision(id, draft.revision);
  const check = await checkDeployment(
    revision.xml,
    draft.processKey,
    platformProcessKeys(ctx.config.processesDir),
    ctx.config.policy,
    await deployedDecisions(ctx),
  );
  if (hasErrors(check.problems)) {
    const rules = [...new Set(check.problems.filter((p) => p.severity === 'error').map((p) => p.rule))];
    await recordAudit({
      actor: principal.username,
      action: 'modeler.deploy_refused',
      target: `process:${draft.processKey}`,
      outcome: 'failure',
      detail: { draftId: id, revision: draft.revision, rules },
    });
    throw new BpmnRefused('bpmn_refused', check.problems);
  }
  let deployment;
  try {
    deployment = await ctx.engine.deploy(modelerDeploymentName(draft.processKey), [{ name: `${draft.processKey}.bpmn`, content: revision.xml }]);
  } catch (err) {
    // the engine's own parser found what ours did not: still the analyst's to fix
    if (err instanceof EngineError && err.status >= 400 && err.status < 500) {
      throw new BpmnRefused('bpmn_refused', [
        problem('engine/parse', `流程引擎拒绝了该流程：${err.message}`, `The process engine refused the process: ${err.message}`),
      ]);
    }
    throw err;
  }
  const created = Object.values(deployment.deployedProcessDefinitions ?? {}).find((d) => d.key === draft.processKey);
  const warnings = check.problems;
  if (!created) {
    const latest = await ctx.engine.latestProcessDefinition(draft.processKey);
    return { deployed: false, revision: draft.revision, processDefinitionId: latest.id, version: latest.version, problems: warnings };
  }
  const record = await ctx.sequelize.transaction(async (transaction) => {
    const made = await ModelerDeployment.create(
      {
        draftId: id,
        revision: draft.revision,
        processKey: draft.processKey,
        engineDeploymentId: deployment.id,
        processDefinitionId: created.id,
        processDefinitionVersion: created.version,
        deployedBy: principal.username,
      },
      { transaction },
    );
    const detail = { draftId: id, revision: draft.revision, version: created.version, engineDeploymentId: deployment.id };
    await recordAudit({ actor: principal.username, action: 'modeler.deployed', target: `process:${draft.processKey}`, detail }, transaction);
    return made;
  });
  ctx.logger.info(
    { processKey: draft.processKey, version: created.version, revision: draft.revision, user: principal.username },
    'process deployed from the modeler',
  );
  return { deployed: true, ...deploymentView(record), problems: warnings };
}

/** Every deployed version of a process with its running instances, and the draft revision it came from. */
export async function processVersions(ctx: AppContext, processKey: string) {
  const definitions = await ctx.engine.processDefinitionVersions(processKey);
  if (!definitions.length) throw versionNotFound();
  const records = await ModelerDeployment.findAll({ where: { processKey } });
  const running = await Promise.all(definitions.map((d) => ctx.engine.processInstanceCount(d.id)));
  return {
    processKey,
    platform: platformProcessKeys(ctx.config.processesDir).has(processKey),
    versions: definitions.map((d, i) => {
      const record = records.find((r) => r.processDefinitionId === d.id);
      return {
        version: d.version,
        processDefinitionId: d.id,
        deploymentId: d.deploymentId,
        name: d.name,
        runningInstances: running[i],
        fromDraft: record ? { draftId: record.draftId, revision: record.revision, deployedBy: record.deployedBy, deployedAt: record.deployedAt } : null,
      };
    }),
  };
}

export async function versionXml(ctx: AppContext, processKey: string, version: number) {
  const definition = (await ctx.engine.processDefinitionVersions(processKey)).find((d) => d.version === version);
  if (!definition) throw versionNotFound();
  const { bpmn20Xml } = await ctx.engine.processDefinitionXml(definition.id);
  return { processKey, version, processDefinitionId: definition.id, xml: bpmn20Xml };
}

/** The draft (a revision, by default its latest) against a deployed version (by default the newest). */
export async function compareWithVersion(ctx: AppContext, id: number, query: { version?: number; revision?: number }) {
  const draft = await findDraft(id);
  const definitions = await ctx.engine.processDefinitionVersions(draft.processKey);
  const definition = query.version === undefined ? definitions[0] : definitions.find((d) => d.version === query.version);
  if (!definition) throw versionNotFound();
  const revision = await draftRevision(id, query.revision ?? draft.revision);
  const { bpmn20Xml } = await ctx.engine.processDefinitionXml(definition.id);
  return { processKey: draft.processKey, version: definition.version, revision: revision.revision, ...(await compareBpmn(bpmn20Xml, revision.xml)) };
}
