import { negotiateLocale } from '../i18n/locale.ts';
import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { assertValid } from '../validation/ajv.ts';
import { claimTask, completeTask } from './tasks.service.ts';
import { inboxPage, inboxQuerySchema, type InboxQuery } from './inbox-query.ts';
import { doneQuerySchema, doneTasks } from './done-tasks.ts';
import { completionSchema, type Completion } from '../../contract/requests/task-completion.ts';
import { attachToTask, copyTask, handOverTask, myCopies, ownTask, resolveTask, unclaimTask, urgeCase } from './task-operations.ts';
import { caseOfTask } from './tasks.service.ts';
import {
  copySchema,
  handOverSchema,
  reasonSchema,
  resolveSchema,
  reviewAttachmentSchema,
  suspendSchema,
  urgeSchema,
  type SpecialProcedure,
} from '../../contract/requests/case-actions.ts';
import { sendBack, takeBack } from './send-back.ts';
import { closedTask } from './closed-tasks.ts';
import { isTaskGone } from './task-races.ts';
import { instanceOfTask, refreshAfterOperation, refreshCaseTasks } from './inbox-projection.ts';
import { taskIdOf } from './task-access.ts';
import { addSigner, removeSigner } from './signers.ts';
import { clearDeputy, deputyOf, deputySchema, setDeputy } from './deputies.ts';
import { caseByNo, mayView, suspendCase } from '../cases/index.ts';
import { notFound } from '../errors/app-error.ts';
import { SIGNED_IN, STAFF, roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

export function tasksRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);

  routes.get('/tasks', STAFF, async (req, res) => {
    assertValid<InboxQuery>(inboxQuerySchema, req.query, 'query');
    res.json(await inboxPage(ctx, req.principal!, req.query as InboxQuery, negotiateLocale(req.headers['accept-language'])));
  });

  // 已办: before /tasks/:id/… (a GET there is the task's form)
  routes.get('/tasks/done', STAFF, async (req, res) => {
    assertValid<{ caseNo?: string; limit?: string; offset?: string }>(doneQuerySchema, req.query, 'query');
    res.json(
      await doneTasks(req.principal!, req.query as { caseNo?: string; limit?: string; offset?: string }, negotiateLocale(req.headers['accept-language'])),
    );
  });

  // each operation on a task reads it back into the inbox's copy before answering: the caller's next page shows it
  routes.post('/tasks/:id/claim', STAFF, async (req, res) => {
    const id = taskIdOf(String(req.params.id));
    const instance = await instanceOfTask(ctx, id);
    const answer = await claimTask(ctx, req.principal!, id);
    await refreshAfterOperation(ctx, id, instance);
    res.json(answer);
  });

  routes.post('/tasks/:id/complete', STAFF, async (req, res) => {
    const id = taskIdOf(String(req.params.id));
    assertValid<Completion>(completionSchema, req.body);
    const instance = await instanceOfTask(ctx, id);
    const answer = await completeTask(ctx, req.principal!, id, req.body as Completion);
    await refreshAfterOperation(ctx, id, instance);
    res.json(answer);
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
    [
      'suspend',
      suspendSchema,
      async (p, id, body) => {
        const task = await ownTask(ctx, p, id);
        return suspendCase(ctx, p, task, await caseOfTask(ctx, task), body as { procedure: SpecialProcedure; reason: string });
      },
    ],
  ];
  for (const [name, schema, run] of operations) {
    routes.post(`/tasks/:id/${name}`, STAFF, async (req, res) => {
      const id = taskIdOf(String(req.params.id));
      if (schema) assertValid(schema, req.body);
      const instance = await instanceOfTask(ctx, id);
      // the task went while the operation ran (completed, taken back …): said as a closed task is
      const answer = await run(req.principal!, id, req.body).catch(async (err: unknown) => {
        throw isTaskGone(err) ? await closedTask(ctx.engine, req.principal!, id) : err;
      });
      await refreshAfterOperation(ctx, id, instance);
      res.json(answer);
    });
  }

  // the actions on a case's tasks taken from the case's page: 收回 (take back one's last step) and 催办 (urge its holders)
  routes.post('/cases/:caseNo/take-back', roles('reviewer', 'leader', 'clerk'), async (req, res) => {
    assertValid<{ reason: string }>(reasonSchema, req.body);
    const answer = await takeBack(ctx, req.principal!, String(req.params.caseNo), req.body as { reason: string });
    await refreshCaseTasks(ctx, String(req.params.caseNo));
    res.json(answer);
  });

  routes.post('/cases/:caseNo/urge', SIGNED_IN, async (req, res) => {
    assertValid<{ note?: string }>(urgeSchema, req.body ?? {});
    const c = await caseByNo(String(req.params.caseNo));
    if (!c || !(await mayView(req.principal!, c))) throw notFound('case_not_found');
    res.json(await urgeCase(ctx, req.principal!, c, (req.body as { note?: string } | undefined)?.note));
  });

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
    const copies = await myCopies(req.principal!, negotiateLocale(req.headers['accept-language']));
    res.json({ total: copies.length, copies });
  });

  return routes;
}
