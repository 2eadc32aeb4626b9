import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { assertValid } from '../validation/ajv.ts';
import { claimTask, completeTask, completionSchema, inboxQuerySchema, listTasks, type Completion, type InboxQuery } from './tasks.service.ts';
import {
  attachToTask,
  copySchema,
  copyTask,
  handOverSchema,
  handOverTask,
  myCopies,
  resolveSchema,
  resolveTask,
  reviewAttachmentSchema,
  unclaimTask,
} from './task-operations.ts';
import { sendBack } from './send-back.ts';
import { addSigner, removeSigner } from './signers.ts';
import { clearDeputy, deputyOf, deputySchema, setDeputy } from './deputies.ts';
import { suspendCase, suspendSchema, type SpecialProcedure } from '../cases/suspension.service.ts';
import { STAFF } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

export function tasksRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);

  routes.get('/tasks', STAFF, async (req, res) => {
    assertValid<InboxQuery>(inboxQuerySchema, req.query, 'query');
    const { tasks, counts } = await listTasks(ctx, req.principal!, req.query as InboxQuery);
    res.json({ total: tasks.length, tasks, counts });
  });

  routes.post('/tasks/:id/claim', STAFF, async (req, res) => {
    res.json(await claimTask(ctx, req.principal!, String(req.params.id)));
  });

  routes.post('/tasks/:id/complete', STAFF, async (req, res) => {
    assertValid<Completion>(completionSchema, req.body);
    res.json(await completeTask(ctx, req.principal!, String(req.params.id), req.body as Completion));
  });

  // the operations on one task: each checks its body, then does what it says (task-operations.ts …)
  type HandOver = { to: string; reason: string };
  const operations: [string, object | undefined, (principal: Principal, taskId: string, body: unknown) => Promise<unknown>][] = [
    ['unclaim', undefined, (p, id) => unclaimTask(ctx, p, id)],
    ['transfer', handOverSchema, (p, id, body) => handOverTask(ctx, p, id, body as HandOver, 'transfer')],
    ['delegate', handOverSchema, (p, id, body) => handOverTask(ctx, p, id, body as HandOver, 'delegate')],
    ['resolve', resolveSchema, (p, id, body) => resolveTask(ctx, p, id, body as { opinion: string })],
    ['copy', copySchema, (p, id, body) => copyTask(ctx, p, id, body as { to: string[]; note?: string })],
    ['send-back', handOverSchema, (p, id, body) => sendBack(ctx, p, id, body as HandOver)],
    ['add-signer', handOverSchema, (p, id, body) => addSigner(ctx, p, id, body as HandOver)],
    ['remove-signer', handOverSchema, (p, id, body) => removeSigner(ctx, p, id, body as HandOver)],
    ['attachments', reviewAttachmentSchema, (p, id, body) => attachToTask(ctx, p, id, body as { attachmentId: string; note?: string })],
    ['suspend', suspendSchema, (p, id, body) => suspendCase(ctx, p, id, body as { procedure: SpecialProcedure; reason: string })],
  ];
  for (const [name, schema, run] of operations) {
    routes.post(`/tasks/:id/${name}`, STAFF, async (req, res) => {
      if (schema) assertValid(schema, req.body);
      res.json(await run(req.principal!, String(req.params.id), req.body));
    });
  }

  routes.get('/me/deputy', STAFF, async (req, res) => {
    res.json(await deputyOf(req.principal!));
  });

  routes.put('/me/deputy', STAFF, async (req, res) => {
    assertValid<{ deputy: string; startsAt: string; endsAt: string; reason: string }>(deputySchema, req.body);
    res.json(await setDeputy(req.principal!, req.body as { deputy: string; startsAt: string; endsAt: string; reason: string }));
  });

  routes.delete('/me/deputy', STAFF, async (req, res) => {
    res.json(await clearDeputy(req.principal!));
  });

  routes.get('/copies', STAFF, async (req, res) => {
    const copies = await myCopies(req.principal!);
    res.json({ total: copies.length, copies });
  });

  return routes;
}
