import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../auth/auth.middleware.ts';
import { assertValid } from '../validation/ajv.ts';
import { claimTask, completeTask, completionSchema, listTasks, type Completion } from './tasks.service.ts';

export function tasksRouter(ctx: AppContext): Router {
  const router = Router();
  const staff = requireRole('reviewer', 'leader', 'clerk', 'admin');

  router.get('/tasks', staff, async (req, res) => {
    const tasks = await listTasks(ctx, req.principal!);
    res.json({ total: tasks.length, tasks });
  });

  router.post('/tasks/:id/claim', staff, async (req, res) => {
    res.json(await claimTask(ctx, req.principal!, String(req.params.id)));
  });

  router.post('/tasks/:id/complete', staff, async (req, res) => {
    assertValid<Completion>(completionSchema, req.body);
    res.json(await completeTask(ctx, req.principal!, String(req.params.id), req.body as Completion));
  });

  return router;
}
