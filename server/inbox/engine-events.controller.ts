import type { AppContext } from '../context.ts';
import { ENGINE } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { assertValid } from '../validation/ajv.ts';
import { engineTaskEventsSchema, publishTaskEvents, type EngineTaskEvent } from './task-events.ts';

/** POST /engine-events: task events from the engine plugin, pushed on to open inboxes. */
export function engineEventsRoutes(ctx: AppContext): RouteTable {
  return new RouteTable(ctx).post('/engine-events', ENGINE, async (req, res) => {
    assertValid<EngineTaskEvent[]>(engineTaskEventsSchema, req.body, 'events');
    const sent = await publishTaskEvents(req.body as EngineTaskEvent[]);
    res.json({ received: (req.body as unknown[]).length, sent });
  });
}
