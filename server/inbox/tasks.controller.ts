import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../auth/auth.middleware.ts';
import { assertValid } from '../validation/ajv.ts';
import { claimTask, completeTask, completionSchema, inboxQuerySchema, listTasks, type Completion, type InboxQuery } from './tasks.service.ts';
import { copySchema, copyTask, handOverSchema, handOverTask, myCopies, resolveSchema, resolveTask, unclaimTask } from './task-operations.ts';
import { sendBack } from './send-back.ts';
import { addSigner, removeSigner } from './signers.ts';
import { clearDeputy, deputyOf, deputySchema, setDeputy } from './deputies.ts';
import { suspendCase, suspendSchema, type SpecialProcedure } from '../cases/suspension.service.ts';

export function tasksRouter(ctx: AppContext): Router {
  const router = Router();
  const staff = requireRole('reviewer', 'leader', 'clerk', 'admin');

  router.get('/tasks', staff, async (req, res) => {
    assertValid<InboxQuery>(inboxQuerySchema, req.query, 'query');
    const { tasks, counts } = await listTasks(ctx, req.principal!, req.query as InboxQuery);
    res.json({ total: tasks.length, tasks, counts });
  });

  router.post('/tasks/:id/claim', staff, async (req, res) => {
    res.json(await claimTask(ctx, req.principal!, String(req.params.id)));
  });

  router.post('/tasks/:id/complete', staff, async (req, res) => {
    assertValid<Completion>(completionSchema, req.body);
    res.json(await completeTask(ctx, req.principal!, String(req.params.id), req.body as Completion));
  });

  router.post('/tasks/:id/unclaim', staff, async (req, res) => {
    res.json(await unclaimTask(ctx, req.principal!, String(req.params.id)));
  });

  router.post('/tasks/:id/transfer', staff, async (req, res) => {
    assertValid<{ to: string; reason: string }>(handOverSchema, req.body);
    res.json(await handOverTask(ctx, req.principal!, String(req.params.id), req.body as { to: string; reason: string }, 'transfer'));
  });

  router.post('/tasks/:id/delegate', staff, async (req, res) => {
    assertValid<{ to: string; reason: string }>(handOverSchema, req.body);
    res.json(await handOverTask(ctx, req.principal!, String(req.params.id), req.body as { to: string; reason: string }, 'delegate'));
  });

  router.post('/tasks/:id/resolve', staff, async (req, res) => {
    assertValid<{ opinion: string }>(resolveSchema, req.body);
    res.json(await resolveTask(ctx, req.principal!, String(req.params.id), req.body as { opinion: string }));
  });

  router.post('/tasks/:id/copy', staff, async (req, res) => {
    assertValid<{ to: string[]; note?: string }>(copySchema, req.body);
    res.json(await copyTask(ctx, req.principal!, String(req.params.id), req.body as { to: string[]; note?: string }));
  });

  router.post('/tasks/:id/send-back', staff, async (req, res) => {
    assertValid<{ to: string; reason: string }>(handOverSchema, req.body);
    res.json(await sendBack(ctx, req.principal!, String(req.params.id), req.body as { to: string; reason: string }));
  });

  router.post('/tasks/:id/add-signer', staff, async (req, res) => {
    assertValid<{ to: string; reason: string }>(handOverSchema, req.body);
    res.json(await addSigner(ctx, req.principal!, String(req.params.id), req.body as { to: string; reason: string }));
  });

  router.post('/tasks/:id/remove-signer', staff, async (req, res) => {
    assertValid<{ to: string; reason: string }>(handOverSchema, req.body);
    res.json(await removeSigner(ctx, req.principal!, String(req.params.id), req.body as { to: string; reason: string }));
  });

  router.post('/tasks/:id/suspend', staff, async (req, res) => {
    assertValid<{ procedure: SpecialProcedure; reason: string }>(suspendSchema, req.body);
    res.json(await suspendCase(ctx, req.principal!, String(req.params.id), req.body as { procedure: SpecialProcedure; reason: string }));
  });

  router.get('/me/deputy', staff, async (req, res) => {
    res.json(await deputyOf(req.principal!));
  });

  router.put('/me/deputy', staff, async (req, res) => {
    assertValid<{ deputy: string; startsAt: string; endsAt: string; reason: string }>(deputySchema, req.body);
    res.json(await setDeputy(req.principal!, req.body as { deputy: string; startsAt: string; endsAt: string; reason: string }));
  });

  router.delete('/me/deputy', staff, async (req, res) => {
    res.json(await clearDeputy(req.principal!));
  });

  router.get('/copies', staff, async (req, res) => {
    const copies = await myCopies(req.principal!);
    res.json({ total: copies.length, copies });
  });

  return router;
}
