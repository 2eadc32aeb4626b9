import { Router, type RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { unauthenticated } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { engineTaskEventsSchema, publishTaskEvents, type EngineTaskEvent } from './task-events.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Only the engine posts here: HTTP basic with the engine's own service account (the server
 * already holds it to call the engine), compared in constant time.
 */
function engineOnly(ctx: AppContext): RequestHandler {
  const expected = digest(`Basic ${Buffer.from(`${ctx.config.engine.user}:${ctx.config.engine.password}`).toString('base64')}`);
  return (req, _res, next) => {
    const given = req.headers.authorization;
    if (!given || !timingSafeEqual(digest(given), expected)) return next(unauthenticated());
    next();
  };
}

/** POST /engine-events: task events from the engine plugin, pushed on to open inboxes. */
export function engineEventsRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/engine-events', engineOnly(ctx), async (req, res) => {
    assertValid<EngineTaskEvent[]>(engineTaskEventsSchema, req.body, 'events');
    const sent = await publishTaskEvents(req.body as EngineTaskEvent[]);
    res.json({ received: (req.body as unknown[]).length, sent });
  });
  return router;
}
