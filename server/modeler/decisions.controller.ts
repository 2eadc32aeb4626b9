import type { AppContext } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { ANALYSTS } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import {
  decisionXmlSchema,
  evaluateDecisionSchema,
  tryDecisionSchema,
  type EvaluateDecisionBody,
  type TryDecisionBody,
} from '../../contract/requests/decisions.ts';
import { checkDmn, decisionDetail, decisionHits, deployDecisions, evaluateDeployed, listDecisions, tryDraft } from './decisions.service.ts';
import { DECISION_KEY, DECISION_VERSION } from '../../contract/dmn/decision-key.ts';
import { hasErrors } from './problems.ts';
import { bpmnRefusedHandler } from './bpmn-refused.ts';

const keyOf = (value: unknown): string => {
  if (typeof value !== 'string' || !DECISION_KEY.test(value)) throw new AppError(404, 'decision_not_found');
  return value;
};
const versionOf = (value: unknown): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !DECISION_VERSION.test(value)) throw new AppError(404, 'decision_not_found');
  return Number(value);
};

/**
 * 决策表 (analysts and administrators): the deployed decisions and their versions, the policy's
 * check, deployment, and 试算 of a draft or a deployed version (./decisions.service.ts). Mounted
 * after modelerRoutes, whose JSON parser takes a model file of up to 2 MB under /modeler.
 */
export function decisionRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);

  routes.get('/modeler/decisions', ANALYSTS, async (_req, res) => {
    res.json(await listDecisions(ctx));
  });

  routes.post('/modeler/decisions/check', ANALYSTS, async (req, res) => {
    assertValid<{ xml: string }>(decisionXmlSchema, req.body);
    const { model, problems } = await checkDmn(req.body.xml);
    // the decisions as read, for the editor's 试算 form: what each reads, by which inputs
    const decisions = (model?.decisions ?? []).map((d) => ({
      key: d.id,
      name: d.name,
      inputs: d.inputs.map((i) => ({ label: i.label, expression: i.expression.text, typeRef: i.typeRef })),
      outputs: d.outputs.map((o) => ({ name: o.name, label: o.label, typeRef: o.typeRef })),
    }));
    res.json({ valid: !hasErrors(problems), problems, decisions });
  });

  routes.post('/modeler/decisions/try', ANALYSTS, async (req, res) => {
    assertValid<TryDecisionBody>(tryDecisionSchema, req.body);
    res.json(await tryDraft(ctx, req.principal!, req.body as TryDecisionBody));
  });

  routes.post('/modeler/decisions', ANALYSTS, async (req, res) => {
    assertValid<{ xml: string }>(decisionXmlSchema, req.body);
    const result = await deployDecisions(ctx, req.principal!, req.body.xml);
    req.log?.info({ decisions: result.decisions.map((d) => `${d.key}@${d.version}`), deployed: result.deployed }, 'decisions deployed');
    res.status(result.deployed ? 201 : 200).json(result);
  });

  routes.get('/modeler/decisions/:key', ANALYSTS, async (req, res) => {
    res.json(await decisionDetail(ctx, keyOf(req.params.key), versionOf(req.query.version)));
  });

  routes.get('/modeler/decisions/:key/hits', ANALYSTS, async (req, res) => {
    res.json(await decisionHits(ctx, keyOf(req.params.key)));
  });

  routes.post('/modeler/decisions/:key/evaluate', ANALYSTS, async (req, res) => {
    assertValid<EvaluateDecisionBody>(evaluateDecisionSchema, req.body);
    res.json(await evaluateDeployed(ctx, keyOf(req.params.key), req.body as EvaluateDecisionBody));
  });

  // a refused file answers with every problem, as the BPMN routes do
  routes.use(bpmnRefusedHandler);
  return routes;
}
