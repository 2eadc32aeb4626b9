import type { AppContext } from '../context.ts';
import { casesOfInstances } from './task-cases.ts';

/** How long one node's look at the engine's open incidents stands for every inbox it lists. */
const FRESH_MS = 10_000;
/** At most this many open incidents are read for the marks (the incident console lists them all). */
const MAX_INCIDENTS = 1000;

let last: { at: number; cases: Promise<Set<number>> } | undefined;

/**
 * 异常 in the inbox: the cases (and their 一件事 bundle cases) with an open incident in any of their
 * instances, from one look at the engine's open incidents shared for ten seconds by every inbox on
 * this node. An engine that does not answer marks nothing; the list itself is not held up.
 */
export function casesWithIncidents(ctx: AppContext): Promise<Set<number>> {
  if (last && Date.now() - last.at < FRESH_MS) return last.cases;
  const cases = (async () => {
    try {
      const incidents = await ctx.engine.openIncidents({}, 0, MAX_INCIDENTS);
      if (!incidents.length) return new Set<number>();
      const found = await casesOfInstances(
        ctx.engine,
        incidents.map((i) => i.processInstanceId),
      );
      return new Set([...found.values()].flatMap((c) => (c.parentCaseId ? [c.id, c.parentCaseId] : [c.id])));
    } catch (err) {
      ctx.logger.warn({ err }, "inbox: the engine's open incidents could not be read; no case is marked 异常");
      last = undefined;
      return new Set<number>();
    }
  })();
  last = { at: Date.now(), cases };
  return cases;
}
