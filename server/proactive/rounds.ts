import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { shanghaiDay } from '../calendar/index.ts';
import { sharedDataOf, type RegistryEvent } from '../shared-data/index.ts';
import { lastLicenseId, licensesIssuedAfter } from '../e-licenses/index.ts';
import { isValidCreditCode, isValidResidentIdNumber } from '../../contract/validation/id-numbers.ts';
import type { ProactivePolicy } from '../../contract/proactive/policy.ts';
import { numberOf } from './eligibility.ts';
import { PROACTIVE_ACTOR, raiseOffers, type OccasionOutcome } from './offers.ts';
import { ProactiveFeed } from './proactive-offer.model.ts';

const EVENTS = 'registry-events';
const PAGE = 100;
/** a feed behind by more days than this catches up this many (an outage of weeks is an operator's matter) */
const MAX_DAYS_BEHIND = 31;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const yearsBefore = (day: string, years: number) => `${String(Number(day.slice(0, 4)) - years).padStart(4, '0')}${day.slice(4)}`;
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

async function positionOf(name: string): Promise<string | null> {
  return (await ProactiveFeed.findByPk(name))?.position ?? null;
}
async function savePosition(name: string, position: string | null): Promise<void> {
  await ProactiveFeed.upsert({ name, position, updatedAt: new Date() });
}

/** What a round did: per policy, the offers made, the benefits granted, the recipients not eligible, those who had it before. */
export type RoundOutcome = Record<string, OccasionOutcome>;

function add(outcome: RoundOutcome, code: string, o: OccasionOutcome): void {
  const sum = (outcome[code] ??= { offered: 0, granted: 0, ineligible: 0, already: 0 });
  sum.offered += o.offered;
  sum.granted += o.granted;
  sum.ineligible += o.ineligible;
  sum.already += o.already;
}

/**
 * The registries' events after where the feed stands: each birth to the policies that wait for one.
 * The feed's first round starts at the end (a policy applies from the day it goes live). The
 * position is saved after each event: a round that fails goes on from there next time; an event
 * applied twice raises nothing twice (offers are unique by occasion).
 */
async function eventsRound(ctx: AppContext, policies: ProactivePolicy[], outcome: RoundOutcome, logger: Logger): Promise<void> {
  const shared = sharedDataOf(ctx.config, logger);
  const births = policies.filter((p) => p.trigger.on === 'birth_registered');
  let position = await positionOf(EVENTS);
  const first = !(await ProactiveFeed.findByPk(EVENTS));
  for (;;) {
    const page = await shared.eventsAfter(position, PAGE);
    if (!first) {
      for (const event of page.events) {
        await applyEvent(ctx, births, event, outcome, logger);
        await savePosition(EVENTS, event.cursor);
      }
    }
    position = page.cursor ?? position;
    if (page.events.length < PAGE) break;
  }
  if (first) await savePosition(EVENTS, position);
}

async function applyEvent(ctx: AppContext, policies: ProactivePolicy[], event: RegistryEvent, outcome: RoundOutcome, logger: Logger): Promise<void> {
  if (event.type !== 'birth_registered') return;
  for (const policy of policies) {
    const subject = await sharedDataOf(ctx.config).lookupPerson(event.child.idNo, { actor: PROACTIVE_ACTOR, purpose: `免申即享：${policy.name}（出生登记）` });
    if (!subject) continue;
    const recipients =
      policy.recipients === 'parents'
        ? event.parents.map((p) => ({ idNo: p.idNo, name: p.name, relation: p.role }))
        : [{ idNo: subject.idNo, name: subject.name, relation: 'self' }];
    add(outcome, policy.code, await raiseOffers(ctx, policy, event.eventId, subject, recipients, logger));
  }
}

/**
 * Birthdays: for each day since the last swept (its first round: today), the people who turn the
 * policy's age that day (born on 29 February: on 1 March in a year without one), each looked up
 * and decided. The day swept is saved per policy after the day is done.
 */
async function birthdaysRound(ctx: AppContext, policies: ProactivePolicy[], outcome: RoundOutcome, logger: Logger): Promise<void> {
  const shared = sharedDataOf(ctx.config, logger);
  const today = shanghaiDay(new Date());
  for (const policy of policies) {
    if (policy.trigger.on !== 'birthday') continue;
    const age = policy.trigger.age;
    const name = `birthdays:${policy.code}`;
    const last = (await positionOf(name)) ?? addDays(today, -1);
    let day = addDays(last, 1) < addDays(today, -MAX_DAYS_BEHIND) ? addDays(today, -MAX_DAYS_BEHIND) : addDays(last, 1);
    for (; day <= today; day = addDays(day, 1)) {
      const born = [yearsBefore(day, age)];
      const bornYear = Number(day.slice(0, 4)) - age;
      if (day.slice(5) === '03-01' && !isLeap(Number(day.slice(0, 4))) && isLeap(bornYear)) born.push(`${String(bornYear).padStart(4, '0')}-02-29`);
      for (const birthDate of born) {
        const context = { actor: PROACTIVE_ACTOR, purpose: `免申即享：${policy.name}（年满${age}周岁）` };
        for (let offset = 0; ; offset += PAGE) {
          const page = await shared.personsBorn({ bornFrom: birthDate, bornTo: birthDate, aliveOnly: true }, context, { offset, limit: PAGE });
          for (const person of page.persons) {
            const subject = await shared.lookupPerson(person.idNo, context);
            if (!subject) continue;
            add(
              outcome,
              policy.code,
              await raiseOffers(ctx, policy, `${age}@${subject.birthDate}`, subject, [{ idNo: subject.idNo, name: subject.name, relation: 'self' }], logger),
            );
          }
          if (offset + PAGE >= page.total) break;
        }
      }
      await savePosition(name, day);
    }
  }
}

const LICENSES = 'e-licenses';

/**
 * The platform's own data: the e-licences issued since the feed's position (the last id seen; its
 * first round starts at the last one issued), each to the policies waiting for its type: a
 * person's licence to the people's policies, its holder looked up in the 人口库; a company's (held
 * by its 统一社会信用代码) to the policies for companies, the company looked up in the 法人库; each
 * decided on that record.
 */
async function licencesRound(ctx: AppContext, policies: ProactivePolicy[], outcome: RoundOutcome, logger: Logger): Promise<void> {
  const waiting = policies.filter((p) => p.trigger.on === 'e_license_issued');
  if (!waiting.length) return;
  const types = [...new Set(waiting.map((p) => (p.trigger as { licenseType: string }).licenseType))];
  const saved = await positionOf(LICENSES);
  if (saved === null) {
    await savePosition(LICENSES, String(await lastLicenseId()));
    return;
  }
  let position = Number(saved);
  for (;;) {
    const licences = await licensesIssuedAfter(position, types, PAGE);
    for (const licence of licences) {
      // a person's number first: an 18-digit ID number may pass the credit code's check too
      const ofPerson = isValidResidentIdNumber(licence.holderIdNo);
      const ofCompany = !ofPerson && isValidCreditCode(licence.holderIdNo);
      if (ofPerson || ofCompany) {
        const applying = waiting.filter(
          (p) => (p.trigger as { licenseType: string }).licenseType === licence.type && (p.recipients === 'company') === ofCompany,
        );
        for (const policy of applying) {
          const context = { actor: PROACTIVE_ACTOR, purpose: `免申即享：${policy.name}（${licence.name}）` };
          const shared = sharedDataOf(ctx.config, logger);
          const subject = ofCompany ? await shared.lookupCompany(licence.holderIdNo, context) : await shared.lookupPerson(licence.holderIdNo, context);
          if (!subject) continue;
          const recipients = [{ idNo: numberOf(subject), name: subject.name, relation: ofCompany ? 'company' : 'self' }];
          add(outcome, policy.code, await raiseOffers(ctx, policy, `licence:${licence.id}`, subject, recipients, logger));
        }
      }
      position = licence.id;
      await savePosition(LICENSES, String(position));
    }
    if (licences.length < PAGE) break;
  }
}

let running: Promise<RoundOutcome> | null = null;

/**
 * One round of 免申即享: the registries' events, the birthdays, the e-licences issued. On one node at a time
 * (./watch.ts); a round asked for while one runs on this node answers that one's outcome.
 */
export function proactiveRound(ctx: AppContext, policies: ProactivePolicy[]): Promise<RoundOutcome> {
  running ??= (async () => {
    const logger = ctx.logger.child({ component: 'proactive' });
    const outcome: RoundOutcome = {};
    try {
      await eventsRound(ctx, policies, outcome, logger);
      await birthdaysRound(ctx, policies, outcome, logger);
      await licencesRound(ctx, policies, outcome, logger);
      return outcome;
    } finally {
      running = null;
    }
  })();
  return running;
}
