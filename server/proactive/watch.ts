import type { AppContext } from '../context.ts';
import { repeatEvery } from '../scheduling/repeat.ts';
import { policiesOf } from './policies.ts';
import { proactiveRound } from './rounds.ts';

/**
 * 免申即享 live: a round every `proactiveIntervalMs` (PROACTIVE_INTERVAL_MS, default 30 s; 0: never), on
 * one node at a time (the scheduler's lease `proactive services`). Safe on two nodes at once: an
 * occasion raises its offers once (they are unique), a case is opened once per offer.
 */
export function watchProactive(ctx: AppContext): () => Promise<void> {
  return repeatEvery(ctx.config.proactiveIntervalMs, 'proactive services', ctx, () => proactiveRound(ctx, policiesOf(ctx.config.processesDir)));
}
