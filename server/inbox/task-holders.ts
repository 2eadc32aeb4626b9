import type { AppContext } from '../context.ts';
import type { Task } from '../engine/types.ts';
import { activeAccounts, groupsOf } from '../auth/index.ts';
import { reachesRegion } from '../../contract/regions.ts';
import { casesOfInstances } from './task-cases.ts';

/** The candidate groups ("<department>:<role>") a task is offered to. */
export async function candidateGroups(ctx: Pick<AppContext, 'engine'>, task: Task): Promise<Set<string>> {
  return new Set((await ctx.engine.identityLinks(task.id)).filter((l) => l.type === 'candidate' && l.groupId).map((l) => l.groupId!));
}

/**
 * Who holds open tasks: each one's assignee, or every active holder of its role in the case's region
 * (a leader: in a region above it too) while unclaimed.
 */
export async function holdersOf(ctx: Pick<AppContext, 'engine'>, tasks: Task[]): Promise<Set<number>> {
  const holders = new Set<number>();
  const staff = await activeAccounts();
  const cases = await casesOfInstances(
    ctx.engine,
    tasks.map((t) => t.processInstanceId),
  );
  for (const task of tasks) {
    if (task.assignee) {
      const user = staff.find((u) => u.username === task.assignee);
      if (user) holders.add(user.id);
    } else {
      const groups = await candidateGroups(ctx, task);
      const region = cases.get(task.processInstanceId)?.regionCode ?? null;
      for (const u of staff) {
        if (groupsOf(u).some((g) => groups.has(g)) && reachesRegion({ regionCode: u.regionCode, leader: u.roles.includes('leader') }, region))
          holders.add(u.id);
      }
    }
  }
  return holders;
}
