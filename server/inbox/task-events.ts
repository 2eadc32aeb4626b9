import { emitToRooms } from '../live/index.ts';
import { accountIdsByUsernames } from '../auth/index.ts';
import { deputiesStandingIn } from './review-records.ts';

/** What the engine plugin (engine/…/TaskEventPlugin.java) posts, one entry per task listener call. */
export interface EngineTaskEvent {
  event: 'create' | 'assignment' | 'complete' | 'delete';
  taskId: string;
  taskDefinitionKey?: string | null;
  name?: string | null;
  assignee?: string | null;
  previousAssignee?: string | null;
  owner?: string | null;
  candidateGroups?: string[];
  processInstanceId?: string | null;
  businessKey?: string | null;
  at?: string;
}

const text = { type: ['string', 'null'], maxLength: 255 } as const;

export const engineTaskEventsSchema = {
  type: 'array',
  maxItems: 1000,
  items: {
    type: 'object',
    required: ['event', 'taskId'],
    properties: {
      event: { type: 'string', enum: ['create', 'assignment', 'complete', 'delete'] },
      taskId: { type: 'string', minLength: 1, maxLength: 64 },
      taskDefinitionKey: text,
      name: text,
      assignee: text,
      previousAssignee: text,
      owner: text,
      candidateGroups: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 255 } },
      processInstanceId: text,
      businessKey: text,
      at: { type: 'string', maxLength: 40 },
    },
  },
} as const;

/** The `task` event an inbox receives over socket.io ('deadline': the case turned yellow or red, with `colour`). */
export type InboxTaskChange = 'created' | 'claimed' | 'unclaimed' | 'transferred' | 'completed' | 'deleted' | 'deadline';

export interface InboxTaskEvent {
  type: InboxTaskChange;
  taskId: string;
  taskDefinitionKey: string | null;
  name: string | null;
  caseNo: string | null;
  assignee: string | null;
  previousAssignee: string | null;
  at: string;
}

function changeOf(e: EngineTaskEvent): InboxTaskChange {
  switch (e.event) {
    case 'create':
      return 'created';
    case 'complete':
      return 'completed';
    case 'delete':
      return 'deleted';
    default:
      if (!e.assignee) return 'unclaimed';
      return e.previousAssignee ? 'transferred' : 'claimed';
  }
}

/**
 * Who may see a task, and so who hears of its changes: the people it is or was assigned to (and
 * their deputies while they are away), its owner (委派), and the department roles it is offered to
 * while nobody holds it.
 */
async function roomsOf(events: EngineTaskEvent[]): Promise<Map<EngineTaskEvent, string[]>> {
  const usernames = new Set<string>();
  for (const e of events) for (const u of [e.assignee, e.previousAssignee, e.owner]) if (u) usernames.add(u);
  const users = usernames.size ? await accountIdsByUsernames([...usernames]) : [];
  const now = new Date();
  const deputies = users.length
    ? await deputiesStandingIn(
        users.map((u) => u.id),
        now,
      )
    : [];
  const idsOf = new Map<string, number[]>();
  for (const u of users) idsOf.set(u.username, [u.id, ...deputies.filter((d) => d.userId === u.id).map((d) => d.deputyUserId)]);

  const rooms = new Map<EngineTaskEvent, string[]>();
  for (const e of events) {
    const set = new Set<string>();
    for (const u of [e.assignee, e.previousAssignee, e.owner]) for (const id of (u && idsOf.get(u)) || []) set.add(`user:${id}`);
    // a role's shared list holds the unassigned tasks: it hears of those, and of one leaving it when claimed
    const offered = !e.assignee || (e.event === 'assignment' && !e.previousAssignee);
    if (offered) for (const g of e.candidateGroups ?? []) set.add(`group:${g}`);
    rooms.set(e, [...set]);
  }
  return rooms;
}

/** Pushes a batch of engine task events to the open inboxes allowed to see them. */
export async function publishTaskEvents(events: EngineTaskEvent[]): Promise<number> {
  const rooms = await roomsOf(events);
  let sent = 0;
  for (const e of events) {
    const to = rooms.get(e) ?? [];
    if (!to.length) continue;
    const payload: InboxTaskEvent = {
      type: changeOf(e),
      taskId: e.taskId,
      taskDefinitionKey: e.taskDefinitionKey ?? null,
      name: e.name ?? null,
      caseNo: e.businessKey ?? null,
      assignee: e.assignee ?? null,
      previousAssignee: e.previousAssignee ?? null,
      at: e.at ?? new Date().toISOString(),
    };
    emitToRooms(to, 'task', payload);
    sent++;
  }
  return sent;
}
