import type { Transaction } from 'sequelize';
import { recordAudit } from '../audit/index.ts';
import type { EngineClient } from '../engine/client.ts';
import type { Task } from '../engine/types.ts';
import { AppError, fieldProblem, validationFailed, type FieldProblem } from '../errors/app-error.ts';
import { reachesRegion } from '../../contract/regions.ts';
import type { HandOver } from '../../contract/requests/accounts.ts';
import { groupsOf } from './principal.ts';
import { User } from './user.model.ts';

/**
 * 移交待办: the tasks a member of staff has claimed in the engine, and handing them on when the
 * security administrator changes the person's department, region or roles or deactivates them.
 * Each task goes to a named colleague who holds the task's role in the case's region (as the
 * inbox's 转办 checks it) or back to its role's group (取消签收; a delegated task back to whoever
 * delegated it). The tasks are read from the engine through the kernel's client; the case behind
 * a task and its timeline are the cases' (above auth), handed in by the composition root as
 * `CaseTimeline` (server/app.ts).
 */

/** The cases' side of a move (server/cases/index.ts, handed in by server/app.ts): the case of a number, and its timeline. */
export interface CaseTimeline {
  caseByNumber(caseNo: string): Promise<{ id: number; caseNo: string; regionCode?: string | null }>;
  recordTimeline(
    entry: { caseId: number; type: 'task.transferred' | 'task.unclaimed'; actor: string; detail: Record<string, unknown> },
    transaction: Transaction,
  ): Promise<unknown>;
}

/** A colleague a task may go to. */
export interface Colleague {
  username: string;
  displayName: string;
}

/** A task the person holds, as the page lists it. */
export interface HeldTask {
  id: string;
  caseNo: string | null;
  /** the step's name (审核, 签发 …) */
  step: string | null;
  taskDefinitionKey: string;
  /** the case's region (where the colleague must work) */
  regionCode: string | null;
  claimedSince: string;
  /** delegated to the person (委派): back goes to whoever delegated it */
  delegatedBy: string | null;
  /** whether it can go back to a group: offered to one, or delegated */
  mayGoBack: boolean;
  /** who may take it over: active staff of the task's role in the case's region, not the person */
  colleagues: Colleague[];
}

/** The answer of a change refused because the person holds tasks (409 holds_open_tasks): the tasks, for the page to hand over. */
export class HoldsOpenTasks extends AppError {
  constructor(readonly tasks: HeldTask[]) {
    super(409, 'holds_open_tasks');
  }
}

interface Found {
  task: Task;
  held: HeldTask;
  groups: Set<string>;
}

const PAGE = 200;

export class OpenTasks {
  constructor(
    private readonly engine: EngineClient,
    private readonly cases: CaseTimeline | undefined,
  ) {}

  /** Every open task the person is the assignee of, with the case, the step and who may take it. */
  async heldBy(user: User): Promise<HeldTask[]> {
    return (await this.find(user)).map((f) => f.held);
  }

  private async find(user: User): Promise<Found[]> {
    const tasks: Task[] = [];
    for (let first = 0; ; first += PAGE) {
      const page = await this.engine.tasks({ assignee: user.username, sorting: [{ sortBy: 'created', sortOrder: 'asc' }] }, first, PAGE);
      tasks.push(...page);
      if (page.length < PAGE) break;
    }
    if (!tasks.length) return [];
    const instances = new Map((await this.engine.processInstances([...new Set(tasks.map((t) => t.processInstanceId))])).map((i) => [i.id, i]));
    const staff = await User.findAll({ where: { active: true }, order: [['username', 'ASC']] });
    const found: Found[] = [];
    for (const task of tasks) {
      const caseNo = instances.get(task.processInstanceId)?.businessKey ?? null;
      const c = caseNo && this.cases ? await this.cases.caseByNumber(caseNo).catch(() => null) : null;
      const regionCode = c?.regionCode ?? null;
      const offered = new Set((await this.engine.identityLinks(task.id)).filter((l) => l.type === 'candidate' && l.groupId).map((l) => l.groupId!));
      // a task given to named people (或签, 会签: no group) is the role the person held it in
      const groups = offered.size ? offered : new Set(groupsOf(user));
      const delegatedBy = task.delegationState === 'PENDING' ? (task.owner ?? null) : null;
      const colleagues = staff
        .filter((u) => u.id !== user.id && mayTake(u, groups, regionCode))
        .map((u) => ({ username: u.username, displayName: u.displayName }));
      found.push({
        task,
        groups,
        held: {
          id: task.id,
          caseNo,
          step: task.name,
          taskDefinitionKey: task.taskDefinitionKey,
          regionCode,
          claimedSince: task.created,
          delegatedBy,
          mayGoBack: offered.size > 0 || delegatedBy !== null,
          colleagues,
        },
      });
    }
    return found;
  }

  /**
   * Before a change of the person's rights: nothing when they hold no task; else every task must be
   * in `handOver` (409 holds_open_tasks listing them all otherwise), each to a colleague who may take
   * it or back to a group where there is one (422 at the entry otherwise). Answers the moves to make.
   */
  async plan(user: User, handOver: HandOver[] | undefined): Promise<Move[]> {
    const found = await this.find(user);
    if (!found.length) return [];
    const given = new Map((handOver ?? []).map((h, i) => [h.taskId, { ...h, index: i }]));
    if (found.some((f) => !given.has(f.task.id))) throw new HoldsOpenTasks(found.map((f) => f.held));
    const problems: FieldProblem[] = [];
    const moves: Move[] = [];
    const held = new Set(found.map((f) => f.task.id));
    for (const [taskId, h] of given) {
      if (!held.has(taskId)) {
        problems.push(
          fieldProblem(
            `handOver.${h.index}.taskId`,
            '任务：此人未持有该任务（可能已办理或已移交）',
            'Task: the person does not hold it (done or handed on meanwhile)',
          ),
        );
      }
    }
    for (const f of found) {
      const h = given.get(f.task.id)!;
      const field = `handOver.${h.index}.to`;
      if (h.to === null) {
        if (!f.held.mayGoBack) {
          problems.push(
            fieldProblem(
              field,
              `接办人：“${f.held.step ?? f.task.id}”是指定给个人的任务，不能退回岗位，须转给同事`,
              `Handed to: "${f.held.step ?? f.task.id}" was given to named people and has no group to go back to; name a colleague`,
            ),
          );
        }
        moves.push({ found: f, to: null });
        continue;
      }
      const target = await User.findOne({ where: { username: h.to, active: true } });
      if (!target) {
        problems.push(fieldProblem(field, `接办人：“${h.to}”不存在或已停用`, `Handed to: no active user "${h.to}"`));
      } else if (target.id === user.id) {
        problems.push(fieldProblem(field, '接办人：不能交给本人', 'Handed to: not to the person themself'));
      } else if (!mayTake(target, f.groups, f.held.regionCode)) {
        problems.push(
          fieldProblem(
            field,
            `接办人：“${target.displayName}”不是本任务所在岗位的人员`,
            `Handed to: ${target.username} does not hold this task's role in the case's region`,
          ),
        );
      } else moves.push({ found: f, to: target });
    }
    if (problems.length) throw validationFailed(problems);
    return moves;
  }

  /**
   * Makes the moves, each with its case's timeline entry and an audit entry in one transaction
   * around the engine's call (the engine first: a refused call writes nothing).
   */
  async apply(
    sequelize: { transaction<T>(run: (t: Transaction) => Promise<T>): Promise<T> },
    actor: string,
    user: User,
    moves: Move[],
    why: string,
  ): Promise<void> {
    for (const { found, to } of moves) {
      const { task, held } = found;
      await sequelize.transaction(async (transaction) => {
        const c = held.caseNo && this.cases ? await this.cases.caseByNumber(held.caseNo).catch(() => null) : null;
        const detail = {
          task: task.name,
          taskDefinitionKey: task.taskDefinitionKey,
          from: user.username,
          ...(to ? { to: to.username, toName: to.displayName } : held.delegatedBy ? { to: held.delegatedBy } : {}),
          reason: why,
        };
        if (c && this.cases) await this.cases.recordTimeline({ caseId: c.id, type: to ? 'task.transferred' : 'task.unclaimed', actor, detail }, transaction);
        await recordAudit(
          {
            actor,
            action: to ? 'account.task_transferred' : 'account.task_released',
            target: `user:${user.username}`,
            detail: { taskId: task.id, caseNo: held.caseNo, ...detail },
          },
          transaction,
        );
        if (to) await this.engine.setAssignee(task.id, to.username);
        else if (held.delegatedBy) await this.engine.resolve(task.id);
        else await this.engine.unclaim(task.id);
      });
    }
  }
}

export interface Move {
  found: Found;
  /** null: back to the group (or to whoever delegated it) */
  to: User | null;
}

/** Whether that person may hold a task offered to those groups in a case of that region (the inbox's rule for 转办). */
function mayTake(user: Pick<User, 'roles' | 'departmentCode' | 'regionCode'>, groups: Set<string>, regionCode: string | null): boolean {
  return groupsOf(user).some((g) => groups.has(g)) && reachesRegion({ regionCode: user.regionCode ?? null, leader: user.roles.includes('leader') }, regionCode);
}
