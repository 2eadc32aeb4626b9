import { callSchema, PRIORITY_REASONS, TICKET_SOURCES, TICKET_STATUSES, ticketCaseSchema, ticketSchema } from '../../contract/requests/queue.ts';
import { ratingSchema } from '../../contract/requests/ratings.ts';
import { always, bearer, clean, error, idParam, instant, json, nullable, type Paths } from '../openapi/helpers.ts';

const kind = { enum: ['general', 'special', 'green'] };
const status = { enum: [...TICKET_STATUSES] };
const priority = { enum: [...PRIORITY_REASONS, null] };
const hallParam = [{ name: 'hallId', in: 'path', required: true, schema: { type: 'string' } }];
const tokenParam = [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }];
const int = { type: 'integer' };
const intOrNull = { type: ['integer', 'null'] };

const line = always({
  windowKind: kind,
  departmentCode: nullable(),
  label: { type: 'string', description: "the line in the caller's language: 综合窗口, 专窗 · 市场监管局, 绿色通道" },
  waiting: int,
});
const publicTicket = always({
  number: { type: 'string', description: 'A001 综合窗口, B001 专窗, G001 绿色通道; per hall, kind and day' },
  token: { type: 'string', description: "the ticket's own page: /q/<token> (its place, then the visit's rating)" },
  hall: always({ id: int, name: { type: 'string' } }),
  windowKind: kind,
  windowKindLabel: { type: 'string' },
  departmentCode: nullable(),
  priority,
  status,
  statusLabel: { type: 'string' },
  ahead: { type: 'integer', description: 'waiting tickets called before this one' },
  windowNumber: nullable(),
  takenAt: instant,
  calledAt: nullable('date-time'),
  finishedAt: nullable('date-time'),
  waitSeconds: intOrNull,
});
const panelTicket = always({
  id: int,
  number: { type: 'string' },
  windowKind: kind,
  departmentCode: nullable(),
  itemCode: nullable(),
  source: { enum: [...TICKET_SOURCES] },
  priority,
  priorityLabel: nullable(),
  personName: nullable(),
  phone: { ...nullable(), description: 'masked' },
  status,
  statusLabel: { type: 'string' },
  windowNumber: nullable(),
  callCount: int,
  takenAt: instant,
  calledAt: nullable('date-time'),
  waitSeconds: intOrNull,
  caseNo: nullable(),
});
const clerkTicket = always({
  id: int,
  hallId: int,
  serviceDay: { type: 'string', format: 'date' },
  number: { type: 'string' },
  windowKind: kind,
  departmentCode: nullable(),
  itemCode: nullable(),
  source: { enum: [...TICKET_SOURCES] },
  bookingId: intOrNull,
  personName: nullable(),
  priority,
  status,
  windowId: intOrNull,
  windowNumber: nullable(),
  calledBy: intOrNull,
  callCount: int,
  takenAt: instant,
  calledAt: nullable('date-time'),
  servedAt: nullable('date-time'),
  finishedAt: nullable('date-time'),
  waitSeconds: { ...intOrNull, description: 'from taking the ticket to its first call' },
  caseNo: nullable(),
  token: { type: 'string' },
  ahead: int,
});
const rating = always({
  level: int,
  levelLabel: { type: 'string' },
  bad: { type: 'boolean' },
  reasons: { type: 'array', items: always({ code: { type: 'string' }, label: { type: 'string' } }) },
  comment: nullable(),
  at: instant,
});
const visit = always({
  ticket: publicTicket,
  rating: { oneOf: [rating, { type: 'null' }] },
  canRate: { type: 'boolean' },
  levels: { type: 'array', items: always({ level: int, label: { type: 'string' } }) },
  reasons: { type: 'array', items: always({ code: { type: 'string' }, label: { type: 'string' } }) },
});
const clerkStep = (summary: string, from: string) => ({
  post: {
    summary,
    security: bearer,
    parameters: idParam,
    responses: {
      200: { description: 'done, in the audit trail, heard by the hall display', content: json(clerkTicket) },
      403: error('not a clerk'),
      404: error("no such ticket in the clerk's region"),
      409: error(`the ticket is not ${from} (any more): says where it is, at which window, by whom and when`),
    },
  },
});

/** 智能排队叫号 paths of /api/v1 (docs/hall-queue.md). */
export function queuePaths(): Paths {
  return {
    '/halls/{hallId}/queue/kiosk': {
      get: {
        summary:
          "The hall's kiosk (public): what a ticket may be taken for (window kinds, the 专窗's departments, 绿色通道's reasons, items and bundles) and each line's waiting count",
        parameters: hallParam,
        responses: {
          200: {
            description: 'kiosk',
            content: json(
              always({
                hall: always({ id: int, name: { type: 'string' }, address: { type: 'string' } }),
                hasGreenWindow: { type: 'boolean' },
                departments: { type: 'array', items: always({ code: { type: 'string' }, name: { type: 'string' } }) },
                priorities: { type: 'array', items: always({ code: { enum: [...PRIORITY_REASONS] }, label: { type: 'string' } }) },
                items: { type: 'array', items: always({ code: { type: 'string' }, name: { type: 'string' }, departmentCode: nullable() }) },
                lines: { type: 'array', items: line },
              }),
            ),
          },
          404: error('no such hall in use'),
        },
      },
    },
    '/halls/{hallId}/queue/tickets': {
      post: {
        summary:
          '取号 at the kiosk (public, walk-in): a ticket for 综合窗口, a department’s 专窗 (departmentCode) or 绿色通道 (priority: elderly, disabled, pregnant, serviceman, key_project); optional item, name and mobile (sealed at rest). Answers the number, how many are ahead and the token of its page',
        parameters: hallParam,
        requestBody: { required: true, content: json(clean(ticketSchema)) },
        responses: {
          201: { description: 'taken', content: json(publicTicket) },
          404: error('no such hall in use'),
          422: error('a 专窗 ticket without department, a green one without reason, a department without a 专窗 here, an unknown item, a bad mobile'),
          429: error('too many tickets from one address'),
        },
      },
    },
    '/halls/{hallId}/queue/display': {
      get: {
        summary:
          "The hall display (public): today's latest calls (number → window) and each line's waiting count. Live: a socket.io connection with auth { hall: <id> } (no token) hears `queue` events of the hall",
        parameters: hallParam,
        responses: {
          200: {
            description: 'display',
            content: json(
              always({
                hall: always({ id: int, name: { type: 'string' } }),
                calls: {
                  type: 'array',
                  items: always({
                    number: { type: 'string' },
                    windowNumber: { type: 'string' },
                    status,
                    statusLabel: { type: 'string' },
                    calledAt: instant,
                    callCount: int,
                  }),
                },
                lines: { type: 'array', items: line },
              }),
            ),
          },
          404: error('no such hall in use'),
        },
      },
    },
    '/queue/visits/{token}': {
      get: {
        summary: "The ticket's own page (public, by the slip's token): its place in the queue, its window once called, then the visit's 好差评",
        parameters: tokenParam,
        responses: { 200: { description: 'visit', content: json(visit) }, 404: error('no such ticket') },
      },
    },
    '/queue/visits/{token}/rating': {
      post: {
        summary: "好差评 of the visit (public, by the slip's token), once, after it is finished; the levels, reasons and rules of a case's rating",
        parameters: tokenParam,
        requestBody: { required: true, content: json(clean(ratingSchema)) },
        responses: {
          201: { description: 'rated', content: json(visit) },
          404: error('no such ticket'),
          409: error('not finished yet, or rated already'),
          422: error('a level out of 1–5, a bad rating without a reason'),
        },
      },
    },
    '/queue/visits/{token}/cancel': {
      post: {
        summary: "The person gives the ticket up while it waits (public, by the slip's token): it leaves the queue",
        parameters: tokenParam,
        responses: {
          200: { description: 'cancelled', content: json(visit) },
          404: error('no such ticket'),
          409: error('called, served or finished already (says which)'),
          429: error('too many requests from one address'),
        },
      },
    },
    '/queue/panel': {
      get: {
        summary:
          "The clerk's calling panel: the windows of the halls in the clerk's region; for windowId, its ticket now, the waiting tickets it would call in order (phones masked), each line's count and its tickets of the day",
        security: bearer,
        parameters: [{ name: 'windowId', in: 'query', required: false, schema: { type: 'string' } }],
        responses: {
          200: {
            description: 'panel',
            content: json(
              always({
                windows: {
                  type: 'array',
                  items: always({
                    id: int,
                    number: { type: 'string' },
                    kind,
                    kindLabel: { type: 'string' },
                    departmentCode: nullable(),
                    hallId: int,
                    hallName: { type: 'string' },
                  }),
                },
                window: {
                  oneOf: [
                    always({
                      id: int,
                      number: { type: 'string' },
                      kind,
                      kindLabel: { type: 'string' },
                      departmentCode: nullable(),
                      hallId: int,
                      hallName: { type: 'string' },
                    }),
                    { type: 'null' },
                  ],
                },
                current: { oneOf: [panelTicket, { type: 'null' }] },
                queue: { type: 'array', items: panelTicket },
                lines: { type: 'array', items: line },
                done: { type: 'array', items: panelTicket },
              }),
            ),
          },
          403: error('not a clerk'),
        },
      },
    },
    '/queue/call-next': {
      post: {
        summary:
          '叫号: the next ticket the window serves (绿色通道 window: green then general; 综合窗口: general, green first in a hall without a green window; 专窗: its department’s). Taken by a conditional update: two clerks at once never get the same ticket',
        security: bearer,
        requestBody: { required: true, content: json(clean(callSchema)) },
        responses: {
          200: { description: 'called, in the audit trail, said aloud by the hall display', content: json(clerkTicket) },
          403: error("not a clerk, or a window outside the clerk's region"),
          404: error('no such window in use'),
          409: error('nothing waiting for this window, or the window still has a called or served ticket'),
          422: error('no windowId'),
        },
      },
    },
    '/queue/tickets/{id}': {
      get: {
        summary: 'A ticket for the window intake (clerks): the person’s name, the mobile masked, the item, the status and the case linked',
        security: bearer,
        parameters: idParam,
        responses: {
          200: {
            description: 'ticket',
            content: json(
              always({
                id: int,
                number: { type: 'string' },
                itemCode: nullable(),
                itemKind: { enum: ['item', 'bundle', null], description: 'whether itemCode is an item or a 一件事 bundle' },
                personName: nullable(),
                phone: { ...nullable(), description: 'masked' },
                status,
                caseNo: nullable(),
                hallId: int,
                source: { enum: [...TICKET_SOURCES] },
                bookingId: { ...intOrNull, description: "a booking's check-in: the booking (在线预约)" },
              }),
            ),
          },
          403: error('not a clerk'),
          404: error("no such ticket in the clerk's region"),
        },
      },
    },
    '/queue/tickets/{id}/recall': clerkStep('重新叫号: the called ticket said again', 'called'),
    '/queue/tickets/{id}/no-show': clerkStep('过号: the called person did not come', 'called'),
    '/queue/tickets/{id}/serve': clerkStep('开始办理: the called person is at the window', 'called'),
    '/queue/tickets/{id}/finish': clerkStep("办结: the visit is over; its page offers the visit's 好差评", 'being served'),
    '/queue/tickets/{id}/case': {
      post: {
        summary: 'The case accepted at the window for this ticket (the window page, once the case is created): the ticket records its caseNo',
        security: bearer,
        parameters: idParam,
        requestBody: { required: true, content: json(clean(ticketCaseSchema)) },
        responses: {
          200: { description: 'linked', content: json(clerkTicket) },
          403: error('not a clerk'),
          404: error('no such ticket or case'),
          409: error('the ticket is linked to another case, or finished'),
          422: error('no caseNo'),
        },
      },
    },
  };
}
