import express from 'express';
import type { AppContext } from '../context.ts';
import { AppError, fieldProblem, validationFailed } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { allTemplates } from './element-templates.ts';
import { withItemFormChoice } from './form-templates.ts';
import { templatesIn } from './template-english.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { latestItems } from '../catalog/index.ts';
import { platformLintConfig, platformRuleSettings } from './lint.ts';
import { checkBpmn, MAX_BPMN_BYTES } from './deployment-policy.ts';
import { hasErrors } from './problems.ts';
import { bpmnRefusedHandler } from './bpmn-refused.ts';
import { starters, starterXml } from './starters.ts';
import { createDraft, draftRevision, getDraft, listDrafts, saveDraft } from './drafts.service.ts';
import { createDraftSchema, lintSchema, saveDraftSchema, type CreateDraftBody } from '../../contract/requests/modeler.ts';
import { compareWithVersion, deployDraft, deploySchema, processVersions, versionXml } from './deploy.service.ts';
import { deployedProcesses } from './deployed-processes.ts';
import { deployedDecisions } from './deployed-decisions.ts';
import { ANALYSTS } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { refuseNulInBody } from '../http/bad-input.ts';

/** A positive integer path or query parameter; anything else is a 404 (path) or 422 (query). */
function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  return n >= 1 ? n : undefined;
}

function pathInt(value: unknown, code: 'draft_not_found' | 'process_version_not_found'): number {
  const n = positiveInt(value);
  if (n === undefined) throw new AppError(404, code);
  return n;
}

/**
 * The analysts' modeler (analysts and administrators): element templates, live lint, drafts with
 * revisions, deployment through the policy, deployed versions. Mounted before the API's 1 MB JSON
 * parser: a BPMN file may be up to MAX_BPMN_BYTES, and a larger one must reach the policy to be
 * refused with a reason, not cut off by the parser.
 */
export function modelerRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  routes.use('/modeler', express.json({ limit: MAX_BPMN_BYTES * 2 }), refuseNulInBody);

  routes.get('/modeler/templates', ANALYSTS, async (req, res) => {
    res.json(templatesIn(withItemFormChoice(allTemplates(), await latestItems()), negotiateLocale(req.headers['accept-language'])));
  });

  routes.get('/modeler/lint/config', ANALYSTS, async (_req, res) => {
    const decisions = await deployedDecisions(ctx);
    res.json({
      config: platformLintConfig(ctx.config.policy, decisions),
      settings: platformRuleSettings(ctx.config.policy, decisions),
      maxBytes: MAX_BPMN_BYTES,
    });
  });

  routes.post('/modeler/lint', ANALYSTS, async (req, res) => {
    assertValid<{ xml: string }>(lintSchema, req.body);
    const { problems } = await checkBpmn(req.body.xml, ctx.config.policy, await deployedDecisions(ctx));
    res.json({ valid: !hasErrors(problems), problems });
  });

  routes.get('/modeler/drafts', ANALYSTS, async (_req, res) => {
    const drafts = await listDrafts();
    res.json({ total: drafts.length, drafts });
  });

  routes.get('/modeler/starters', ANALYSTS, (_req, res) => {
    const list = starters(ctx.config.processesDir).map(({ processKey, name }) => ({ processKey, name }));
    res.json({ total: list.length, starters: list });
  });

  routes.post('/modeler/drafts', ANALYSTS, async (req, res) => {
    assertValid<CreateDraftBody>(createDraftSchema, req.body);
    const body = req.body as CreateDraftBody;
    if ((body.xml === undefined) === (body.from === undefined)) {
      throw validationFailed([
        fieldProblem(
          'xml',
          '请提供流程文件（xml）或选择一个平台事项流程作为底稿（from），二者选一',
          'give either the BPMN file (xml) or a platform item process to start from (from), not both',
        ),
      ]);
    }
    const xml = body.xml ?? (await starterXml(ctx.config.processesDir, body.from!, body.processKey, body.name.trim()));
    res
      .status(201)
      .json(
        await createDraft(
          ctx.sequelize,
          req.principal!,
          { processKey: body.processKey, name: body.name, xml },
          ctx.config.policy,
          await deployedDecisions(ctx),
        ),
      );
  });

  routes.get('/modeler/drafts/:id', ANALYSTS, async (req, res) => {
    res.json(await getDraft(pathInt(req.params.id, 'draft_not_found')));
  });

  routes.put('/modeler/drafts/:id', ANALYSTS, async (req, res) => {
    const id = pathInt(req.params.id, 'draft_not_found');
    assertValid<{ xml: string; baseRevision: number; name?: string }>(saveDraftSchema, req.body);
    res.json(await saveDraft(ctx.sequelize, req.principal!, id, req.body, ctx.config.policy, await deployedDecisions(ctx)));
  });

  routes.get('/modeler/drafts/:id/revisions/:revision', ANALYSTS, async (req, res) => {
    const row = await draftRevision(pathInt(req.params.id, 'draft_not_found'), pathInt(req.params.revision, 'draft_not_found'));
    res.json({ revision: row.revision, xml: row.xml, sha256: row.sha256, size: row.size, savedBy: row.savedBy, savedAt: row.savedAt });
  });

  routes.post('/modeler/drafts/:id/deploy', ANALYSTS, async (req, res) => {
    const id = pathInt(req.params.id, 'draft_not_found');
    const body = req.body ?? {};
    assertValid<{ revision?: number }>(deploySchema, body);
    const result = await deployDraft(ctx, req.principal!, id, body);
    res.status(result.deployed ? 201 : 200).json(result);
  });

  routes.get('/modeler/drafts/:id/compare', ANALYSTS, async (req, res) => {
    const id = pathInt(req.params.id, 'draft_not_found');
    const version = req.query.version === undefined ? undefined : pathInt(req.query.version, 'process_version_not_found');
    const revision = req.query.revision === undefined ? undefined : pathInt(req.query.revision, 'draft_not_found');
    res.json(await compareWithVersion(ctx, id, { version, revision }));
  });

  routes.get('/modeler/processes', ANALYSTS, async (req, res) => {
    const processes = await deployedProcesses(ctx, req.query.prefix);
    res.json({ total: processes.length, processes });
  });

  routes.get('/modeler/processes/:key/versions', ANALYSTS, async (req, res) => {
    res.json(await processVersions(ctx, String(req.params.key)));
  });

  routes.get('/modeler/processes/:key/versions/:version/xml', ANALYSTS, async (req, res) => {
    res.json(await versionXml(ctx, String(req.params.key), pathInt(req.params.version, 'process_version_not_found')));
  });

  routes.use(bpmnRefusedHandler);
  return routes;
}
