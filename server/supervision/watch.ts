import type { AppContext } from '../context.ts';
import { repeatEvery } from '../scheduling/repeat.ts';
import { projection } from './projection.ts';

/**
 * 监管指标 live: the projection's rounds every `supervisionIntervalMs` (0: never), on one node at a
 * time (the scheduler's lease `supervision projection`). A round is safe on two nodes at once
 * (./projection.ts locks the facts it changes).
 */
export function watchSupervision(ctx: AppContext): () => Promise<void> {
  const live = projection(ctx);
  return repeatEvery(ctx.config.supervisionIntervalMs, 'supervision projection', ctx, () => live.round());
}
