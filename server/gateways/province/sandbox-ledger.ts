import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExchangeEvent, ExchangeEventType } from './exchange.ts';
import { beijingDay } from './beijing-day.ts';

/** What the sandbox exchange keeps of every event it holds (the whole message of the newest only). */
export interface HeldEvent {
  eventId: string;
  eventType: ExchangeEventType;
  caseNo: string;
  channel: string;
  occurredAt: string;
  day: string;
  receivedAt: string;
  /** a later event of the case had reached the exchange before this one */
  outOfOrder: boolean;
}

/** Whole messages kept for the page and the tests (the newest). */
const FULL_KEPT = 5_000;

/**
 * The sandbox exchange's store: every event held once by id, in the order received, the newest
 * messages in full, counts by day and type for 对账. With a file, each change is appended as a
 * JSON line (held events and losses), so a restarted exchange still knows what it holds and an
 * hour of 500 events a second does not rewrite a growing file.
 */
export class SandboxLedger {
  private readonly held = new Map<string, HeldEvent>();
  private readonly full = new Map<string, ExchangeEvent>();
  private readonly latestOfCase = new Map<string, string>();

  constructor(private readonly file: string | undefined) {
    if (!file || !existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      const entry = JSON.parse(line) as { held?: HeldEvent; lost?: string };
      if (entry.held) this.keep(entry.held);
      if (entry.lost) this.held.delete(entry.lost);
    }
  }

  has(eventId: string): boolean {
    return this.held.has(eventId);
  }

  /** Holds the events (new ones only), writing them to the file in one append. */
  take(events: ExchangeEvent[], now: Date): void {
    const lines: string[] = [];
    for (const event of events) {
      const latest = this.latestOfCase.get(event.caseNo);
      const record: HeldEvent = {
        eventId: event.eventId,
        eventType: event.eventType,
        caseNo: event.caseNo,
        channel: event.channel,
        occurredAt: event.occurredAt,
        day: beijingDay(event.occurredAt),
        receivedAt: now.toISOString(),
        outOfOrder: latest !== undefined && Date.parse(event.occurredAt) < Date.parse(latest),
      };
      this.keep(record);
      this.full.set(event.eventId, event);
      if (this.full.size > FULL_KEPT) this.full.delete(this.full.keys().next().value!);
      lines.push(JSON.stringify({ held: record }));
    }
    this.append(lines);
  }

  /** Forgets an event, as an exchange that lost it would (what 对账 is there to find). */
  lose(eventId: string): boolean {
    if (!this.held.delete(eventId)) return false;
    this.full.delete(eventId);
    this.append([JSON.stringify({ lost: eventId })]);
    return true;
  }

  /** The events held, in the order received (a case's only when named), the whole message when still kept. */
  events(caseNo?: string): Array<HeldEvent & { message?: ExchangeEvent }> {
    return [...this.held.values()]
      .filter((e) => !caseNo || e.caseNo === caseNo)
      .map((e) => ({ ...e, ...(this.full.has(e.eventId) ? { message: this.full.get(e.eventId) } : {}) }));
  }

  countsOf(day: string): Partial<Record<ExchangeEventType, number>> {
    const counts: Partial<Record<ExchangeEventType, number>> = {};
    for (const e of this.held.values()) if (e.day === day) counts[e.eventType] = (counts[e.eventType] ?? 0) + 1;
    return counts;
  }

  get size(): number {
    return this.held.size;
  }

  private keep(record: HeldEvent): void {
    this.held.set(record.eventId, record);
    const latest = this.latestOfCase.get(record.caseNo);
    if (!latest || Date.parse(record.occurredAt) > Date.parse(latest)) this.latestOfCase.set(record.caseNo, record.occurredAt);
  }

  private append(lines: string[]): void {
    if (!this.file || !lines.length) return;
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${lines.join('\n')}\n`, { mode: 0o600 });
  }
}
