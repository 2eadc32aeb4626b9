import type { AppContext } from '../context.ts';
import type { Task } from '../engine/types.ts';
import { activeAccounts, groupsOf } from '../auth/index.ts';

/** The candidate groups ("<department>:<role>") a task is offered to. */
export async function candidateGroups(ctx: Pick<AppContext, 'engine'>, task: Task): Promise<Set<string>> {
  return new Set((await ctx.engine.identityLinks(task.id)).filter((l) => l.type === 'candidate' && l.groupId).map((l) => l.groupId!));
}

/** Who holds open tasks: each one's assignee, or every active holder of its role while unclaimed. */
export async function holdersOf(ctx: Pick<AppContext, 'engine'>, tasks: Task[]): Promise<Set<number>> {
  const holders = new Set<number>();
  const staff = await activeAccounts();
  for (const task of tasks) {
    if (task.assignee) {
      const user = staff.find((u) => u.username === task.assignee);
      if (user) holders.add(user.id);
    } else {
      const groups = await candidateGroups(ctx, task);
      for (const u of staff) if (groupsOf(u).some((g) => groups.has(g))) holders.add(u.id);
    }
  }
  return holders;
}
