import { randomInt, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { owedCallback, type OwedCallback } from '../sandbox/callback-courier.ts';
import type { JsonFileStore } from '../sandbox/json-file-store.ts';
import { sandboxConflict, sandboxNotFound } from '../sandbox/sandbox-error.ts';
import type { Contact, CreateWaybillRequest, WaybillEvent, WaybillStatus } from './carrier.ts';

export const STATUS_LABELS: Record<WaybillStatus, string> = {
  created: '已下单',
  collected: '已揽收',
  in_transit: '运输中',
  delivered: '已签收',
  returned: '已退回',
};

/** What the applicant reads in the tracking list, as a courier company words it. */
const DESCRIPTIONS: Record<WaybillEvent, string> = {
  collected: '快递员已揽收',
  in_transit: '快件已到达转运中心，正在发往目的地',
  delivered: '快件已签收，感谢使用',
  returned: '快件已退回寄件人',
};

/** Which events may follow a status: 运输中 may repeat (each hub scans); 签收 and 退回 end it. */
const NEXT: Record<WaybillStatus, readonly WaybillEvent[]> = {
  created: ['collected'],
  collected: ['in_transit', 'returned'],
  in_transit: ['in_transit', 'delivered', 'returned'],
  delivered: [],
  returned: [],
};

export interface SandboxEvent {
  eventId: string;
  event: WaybillEvent;
  at: string;
  description: string;
  callback: OwedCallback;
}

export interface SandboxWaybill {
  waybillNo: string;
  shipmentNo: string;
  sender: Contact;
  recipient: Contact;
  parcel: { description: string };
  callbackUrl: string;
  createdAt: string;
  status: WaybillStatus;
  events: SandboxEvent[];
}

/** A callback about a waybill nobody booked through us, produced on purpose for fault tests. */
export interface StrayCallback {
  waybillNo: string;
  eventId: string;
  event: WaybillEvent;
  callback: OwedCallback;
}

export interface CarrierSandboxState {
  callbackSecret?: string;
  waybills: Record<string, SandboxWaybill>;
  strays: StrayCallback[];
}

export interface CallbackOptions {
  /** deliver the same callback twice */
  duplicate?: boolean;
  /** wait before the first attempt */
  delayMs?: number;
  /** never send it (lost: only track tells) */
  lost?: boolean;
}

/** The sandbox carrier's books: waybills, their events and the callbacks it owes. */
export class SandboxWaybillBook {
  private readonly byShipmentNo = new Map<string, SandboxWaybill>();

  constructor(
    readonly state: CarrierSandboxState,
    private readonly store: JsonFileStore<CarrierSandboxState>,
  ) {
    for (const waybill of Object.values(state.waybills)) this.byShipmentNo.set(waybill.shipmentNo, waybill);
  }

  /** Idempotent by shipmentNo; other parties or parcel under the same number are a conflict. */
  create(input: CreateWaybillRequest): { waybill: SandboxWaybill; created: boolean } {
    const existing = this.byShipmentNo.get(input.shipmentNo);
    if (existing) {
      const same = isDeepStrictEqual(
        { sender: existing.sender, recipient: existing.recipient, parcel: existing.parcel },
        { sender: input.sender, recipient: input.recipient, parcel: input.parcel },
      );
      if (!same) {
        throw sandboxConflict(
          'shipment_conflict',
          `寄件单号 ${input.shipmentNo} 已下单，寄件人、收件人或物品不同`,
          `shipment ${input.shipmentNo} was booked with other parties or parcel`,
        );
      }
      return { waybill: existing, created: false };
    }
    const waybill: SandboxWaybill = {
      waybillNo: this.newWaybillNo(),
      shipmentNo: input.shipmentNo,
      sender: input.sender,
      recipient: input.recipient,
      parcel: input.parcel,
      callbackUrl: input.callbackUrl,
      createdAt: new Date().toISOString(),
      status: 'created',
      events: [],
    };
    this.state.waybills[waybill.waybillNo] = waybill;
    this.byShipmentNo.set(waybill.shipmentNo, waybill);
    this.save();
    return { waybill, created: true };
  }

  byWaybillNo(waybillNo: string): SandboxWaybill {
    const waybill = this.state.waybills[waybillNo];
    if (!waybill) throw sandboxNotFound('waybill_not_found', `运单 ${waybillNo} 不存在`, `no waybill ${waybillNo}`);
    return waybill;
  }

  /** The courier scans the parcel: the next event, if it may follow, and the callback it owes. */
  record(waybillNo: string, event: WaybillEvent, options: CallbackOptions = {}): SandboxEvent {
    const waybill = this.byWaybillNo(waybillNo);
    if (!NEXT[waybill.status].includes(event)) {
      throw sandboxConflict(
        'invalid_transition',
        `运单${STATUS_LABELS[waybill.status]}，不能再记为${STATUS_LABELS[event]}`,
        `a waybill that is ${waybill.status} cannot become ${event}`,
      );
    }
    const eventId = randomUUID();
    const at = new Date().toISOString();
    const description = DESCRIPTIONS[event];
    const body = JSON.stringify({ eventId, waybillNo, shipmentNo: waybill.shipmentNo, event, at, description });
    const recorded: SandboxEvent = {
      eventId,
      event,
      at,
      description,
      callback: owedCallback(waybill.callbackUrl, body, options.lost ? 0 : options.duplicate ? 2 : 1, options.delayMs),
    };
    waybill.events.push(recorded);
    waybill.status = event;
    this.save();
    return recorded;
  }

  /** The events that take a waybill from where it is to `target` along 揽收 → 运输 → 签收/退回. */
  pathTo(waybillNo: string, target: WaybillEvent): WaybillEvent[] {
    const waybill = this.byWaybillNo(waybillNo);
    const route: WaybillEvent[] = ['collected', 'in_transit', target];
    const from = waybill.status === 'created' ? 0 : route.indexOf(waybill.status) + 1;
    const steps = route.slice(from, route.indexOf(target) + 1);
    if (!steps.length || waybill.status === 'delivered' || waybill.status === 'returned') {
      throw sandboxConflict(
        'invalid_transition',
        `运单${STATUS_LABELS[waybill.status]}，不能推进到${STATUS_LABELS[target]}`,
        `a waybill that is ${waybill.status} cannot advance to ${target}`,
      );
    }
    return steps;
  }

  /** A signed callback about a waybill this carrier never booked for the platform. */
  stray(callbackUrl: string, event: WaybillEvent, waybillNo = this.newWaybillNo()): StrayCallback {
    const eventId = randomUUID();
    const body = JSON.stringify({ eventId, waybillNo, event, at: new Date().toISOString(), description: DESCRIPTIONS[event] });
    const stray: StrayCallback = { waybillNo, eventId, event, callback: owedCallback(callbackUrl, body, 1) };
    this.state.strays.push(stray);
    this.save();
    return stray;
  }

  /** Callbacks still owed, by subject and in order, e.g. after a restart. */
  pendingCallbacks(): Array<{ key: string; callback: OwedCallback }> {
    return [
      ...Object.values(this.state.waybills).flatMap((w) => w.events.map((e) => ({ key: w.waybillNo, callback: e.callback }))),
      ...this.state.strays.map((s) => ({ key: s.waybillNo, callback: s.callback })),
    ].filter(({ callback }) => callback.pendingCopies > 0);
  }

  save(): void {
    this.store.save(this.state);
  }

  /** SBX and 12 digits, like a real carrier's numbers, never one already used. */
  private newWaybillNo(): string {
    for (;;) {
      const waybillNo = `SBX${String(randomInt(1e6)).padStart(6, '0')}${String(randomInt(1e6)).padStart(6, '0')}`;
      if (!this.state.waybills[waybillNo]) return waybillNo;
    }
  }
}
