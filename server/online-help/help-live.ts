import { emitToRooms, emitToUsers } from '../live/index.ts';
import type { HelpRequest } from './online-help.model.ts';
import { HELP_DEPARTMENT } from './help-access.ts';
import { entryView, requestView, type HelpEntryView } from './help-views.ts';

/** The socket.io event of 线上帮办 (modeler/src/live/socket.ts). */
export const HELP_EVENT = 'online-help';

/** A new entry of the conversation (a message or an act), with the request as it now stands, to both of its people. */
export function pushEntry(request: HelpRequest, entry: Parameters<typeof entryView>[0]): HelpEntryView {
  const view = entryView(entry);
  emitToUsers(participants(request), HELP_EVENT, { type: 'entry', requestId: request.id, entry: view, request: requestView(request) });
  return view;
}

/** The applicant's form as they fill it, masked, to the helper who joined. */
export function pushForm(request: HelpRequest): void {
  if (request.helperId) emitToUsers([request.helperId], HELP_EVENT, { type: 'form', requestId: request.id, form: request.form, at: request.formAt });
}

/** The centre's queue changed (a new request, one joined or closed): the helpers' pages read it again. */
export function pushQueue(request: HelpRequest): void {
  emitToRooms([`group:${HELP_DEPARTMENT}:clerk`], HELP_EVENT, { type: 'queue', requestId: request.id, status: request.status });
}

const participants = (request: HelpRequest) => [request.applicantId, ...(request.helperId ? [request.helperId] : [])];
