import type { AppContext } from '../context.ts';

/**
 * The keys of the decisions (DMN) deployed on the engine, asked afresh for every lint: a business
 * rule task must name one of them (approval/deployed-decision). The platform itself deploys BPMN
 * only, so the list is empty unless an operator deployed a decision to the engine.
 */
export const deployedDecisions = (ctx: AppContext): Promise<string[]> => ctx.engine.decisionDefinitionKeys();
