import type { AppContext } from '../context.ts';
import { ENGINE } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { assertValid } from '../validation/ajv.ts';
import { engineTaskEventsSchema, publishTaskEvents, type EngineTaskEvent } from './task-events.ts';
import { applyTaskEvents } from './inbox-projection.ts';

/** POST /engine-events: task events from the engine plugin, applied to the inbox's copy of the tasks and pushed on to open inboxes. */
export function engineEventsRoutes(ctx: AppContext): RouteTable {
  return new RouteTable(ctx).post('/engine-events', ENGINE, async (req, res) => {
    assertValid<EngineTaskEvent[]>(engineTaskEventsSchema, req.body, 'events');
    // the inbox's copy first: an inbox refetching on the event reads the change
    await applyTaskEvents(ctx, req.body as EngineTaskEvent[]).catch((err: unknown) =>
      ctx.logger.warn({ err }, 'inbox: task events could not be applied to the copy; the next round brings them'),
    );
    const sent = await publishTaskEvents(req.body as EngineTaskEvent[]);
    res.json({ received: (req.body as unknown[]).length, sent });
  });
}
