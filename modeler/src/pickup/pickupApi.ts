import { get, post } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { PickupHandover } from '../../../contract/requests/delivery.ts';

/** 统一出件 at the window: the results waiting at the clerk's hall, and the handover (the answers are the API document's). */
export type WaitingPickup = Answer<'/deliveries/pickups', 'get'>['pickups'][number];

export const PICKUP_PAGE_SIZE = 20;

export const pickupApi = {
  /** one page of the hall's queue (PAGE_SIZE from offset), with how many wait in all */
  waiting: (q: string | undefined, offset: number) =>
    get<Answer<'/deliveries/pickups', 'get'>>('/deliveries/pickups', {
      q: q?.trim() || undefined,
      limit: String(PICKUP_PAGE_SIZE),
      offset: offset ? String(offset) : undefined,
    }),
  handOver: (caseNo: string, body: PickupHandover) =>
    post<Answer<'/cases/{caseNo}/delivery/handover', 'post'>>(`/cases/${encodeURIComponent(caseNo)}/delivery/handover`, body),
};
