import { QueryTypes, type Sequelize } from 'sequelize';
import { User } from '../server/auth/user.model.ts';
import { ACCEPTANCE_REVIEW_DAYS, ACCEPTANCE_REVIEW_TASK } from '../server/acceptance/index.ts';
import type { WorkingCalendar } from '../server/calendar/index.ts';

/**
 * The staff of the benchmarks' city and the opinions they record (issue 18, 监管指标 by staff):
 * window clerks of the 综合窗口 (department `center`) in every region, streets included (受理与办理
 * 分离: the window accepts, the departments decide); reviewers and a leader of each department in
 * the city and each district (a street's cases are decided by its district). Each case gets the
 * opinions a real one has: the clerk's 补正 and acceptance decision when a person decided it, the
 * reviewer's 审核, the inspectors' 现场核查 where the item has one, the leader's 签发, with the task's
 * arrival and the step's due time as the platform records them (server/inbox/step-due.ts).
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface StaffMember {
  id: number;
  username: string;
  departmentCode: string;
  regionCode: string;
}

type StaffRole = 'clerk' | 'reviewer' | 'leader';

/** Per region (street, district or city), how many of each. */
const CLERKS = { city: 8, district: 5, street: 3 };
const REVIEWERS = { city: 5, district: 3 };
const LEADERS = { city: 2, district: 1 };
const LABEL: Record<StaffRole, string> = { clerk: '受理员', reviewer: '审核员', leader: '科长' };

const isStreet = (region: string) => region.length > 6;
const isCity = (region: string) => region.endsWith('00') && region.length === 6;

export class Roster {
  private readonly members = new Map<string, StaffMember[]>();

  add(role: StaffRole, m: StaffMember): void {
    const key = `${role}|${m.departmentCode}|${m.regionCode}`;
    this.members.set(key, [...(this.members.get(key) ?? []), m]);
  }

  /** Someone of that role and department where the case is handled (a street's reviewers are its district's). */
  pick(role: StaffRole, departmentCode: string, regionCode: string, rnd: () => number): StaffMember {
    const region = role !== 'clerk' && isStreet(regionCode) ? regionCode.slice(0, 6) : regionCode;
    const found = this.members.get(`${role}|${departmentCode}|${region}`);
    if (!found?.length) throw new Error(`bench staff: no ${role} of ${departmentCode} in ${region}`);
    return found[Math.floor(rnd() * found.length)]!;
  }

  get size(): number {
    return [...this.members.values()].reduce((n, list) => n + list.length, 0);
  }
}

/** Writes the staff accounts (they cannot sign in: no password matches their hash) and answers the roster. */
export async function createStaff(sequelize: Sequelize, departments: string[], regions: string[]): Promise<Roster> {
  const names = new Map(
    (await sequelize.query<{ code: string; name_zh: string }>('SELECT code, name_zh FROM departments', { type: QueryTypes.SELECT })).map((d) => [
      d.code,
      d.name_zh,
    ]),
  );
  const planned: { role: StaffRole; departmentCode: string; regionCode: string; n: number }[] = [];
  for (const region of regions) {
    const level = isStreet(region) ? 'street' : isCity(region) ? 'city' : 'district';
    for (let n = 1; n <= CLERKS[level]; n++) planned.push({ role: 'clerk', departmentCode: 'center', regionCode: region, n });
    if (level === 'street') continue;
    for (const department of departments.filter((d) => d !== 'center')) {
      for (let n = 1; n <= REVIEWERS[level]; n++) planned.push({ role: 'reviewer', departmentCode: department, regionCode: region, n });
      for (let n = 1; n <= LEADERS[level]; n++) planned.push({ role: 'leader', departmentCode: department, regionCode: region, n });
    }
  }
  const created = await User.bulkCreate(
    planned.map((p) => ({
      username: `bench-${p.departmentCode}-${p.regionCode}-${p.role}${p.n}`,
      displayName: `${names.get(p.departmentCode) ?? p.departmentCode}${LABEL[p.role]}（${p.regionCode}-${p.n}）`,
      passwordHash: '!bench-account-no-sign-in',
      roles: [p.role],
      departmentCode: p.departmentCode,
      regionCode: p.regionCode,
      idNo: null,
      phone: null,
    })),
  );
  const roster = new Roster();
  created.forEach((u, i) =>
    roster.add(planned[i]!.role, { id: u.id, username: u.username, departmentCode: planned[i]!.departmentCode, regionCode: planned[i]!.regionCode }),
  );
  return roster;
}

/** What the opinions of a case are made from: the case's own times as the generator drew them. */
export interface CaseCourse {
  caseId: number;
  departmentCode: string;
  regionCode: string;
  channel: string;
  createdAt: Date;
  corrections: number;
  notAccepted: boolean;
  acceptedAt: Date | null;
  finishAt: Date | null;
  decision: 'approved' | 'refused' | null;
  /** the item's working days per step (its stepDays), none for a step without a time limit */
  stepDays: Record<string, number>;
}

/** Columns of an opinions row as OpinionRows.rows holds them. */
export const OPINION_COLUMNS = [
  'case_id',
  'task_id',
  'activity_id',
  'activity_name',
  'user_id',
  'outcome',
  'comment',
  'department_code',
  'region_code',
  'task_created_at',
  'step_due_at',
  'on_time',
  'created_at',
];

export class OpinionWriter {
  private rows: unknown[][] = [];
  /** each completed task's timeline entry, as the platform records it beside the opinion (reported to the province as 办理环节) */
  private timeline: unknown[][] = [];
  private serial = 0;
  constructor(
    private readonly roster: Roster,
    private readonly calendar: WorkingCalendar,
    private readonly end: Date,
    private readonly rnd: () => number,
  ) {}

  private record(c: CaseCourse, step: string, name: string, who: StaffMember, outcome: string, comment: string, arrived: Date, at: Date): void {
    // a task still open at the end of the year has no opinion yet
    if (at.getTime() > this.end.getTime()) return;
    const days = step === ACCEPTANCE_REVIEW_TASK ? ACCEPTANCE_REVIEW_DAYS : c.stepDays[step];
    const due = days ? this.calendar.due(arrived, days).due : null;
    this.rows.push([
      c.caseId,
      `bench-task-${++this.serial}`,
      step,
      name,
      who.id,
      outcome,
      comment,
      who.departmentCode,
      who.regionCode,
      arrived,
      due,
      due ? at.getTime() <= due.getTime() : null,
      at,
    ]);
    this.timeline.push([c.caseId, 'task.completed', who.username, JSON.stringify({ task: name, taskDefinitionKey: step, outcome, opinion: comment }), at]);
  }

  /** The opinions and their timeline entries (timeline_events columns of case-generator.ts) recorded since the last call, to insert. */
  take(): { opinions: unknown[][]; timeline: unknown[][] } {
    const taken = { opinions: this.rows, timeline: this.timeline };
    this.rows = [];
    this.timeline = [];
    return taken;
  }

  /**
   * 窗口人工受理 on a case as submitted (an item's or a bundle's): a clerk decides the window's and
   * the assisted cases, some of the others (the machine's check sends them to a person), every 补正
   * and every 不予受理; the machine accepts the rest without an opinion.
   */
  acceptance(c: CaseCourse): void {
    const byPerson = ['window', 'assisted'].includes(c.channel) || c.corrections > 0 || c.notAccepted || this.rnd() < 0.15;
    if (!byPerson || (!c.acceptedAt && !c.notAccepted)) return;
    const clerk = this.roster.pick('clerk', 'center', c.regionCode, this.rnd);
    const t0 = c.createdAt.getTime();
    let arrived = c.createdAt;
    for (let k = 0; k < c.corrections; k++) {
      // as the case's timeline has them: asked at +0.5 day, resubmitted at +1.5 day, per round
      this.record(c, ACCEPTANCE_REVIEW_TASK, '窗口人工受理', clerk, 'correction', '请一次性补正：材料不齐全', arrived, new Date(t0 + (k * 2 + 0.5) * DAY_MS));
      arrived = new Date(t0 + (k * 2 + 1.5) * DAY_MS);
    }
    if (c.notAccepted) this.record(c, ACCEPTANCE_REVIEW_TASK, '窗口人工受理', clerk, 'not_accepted', '不属于本机关职权范围，不予受理', arrived, c.createdAt);
    else this.record(c, ACCEPTANCE_REVIEW_TASK, '窗口人工受理', clerk, 'accepted', '材料齐全，符合法定形式，予以受理', arrived, c.acceptedAt!);
  }

  /**
   * An item's 办理 after 受理: 审核 by a reviewer, 现场核查 by one or two inspectors where the item
   * has the step, 签发 by a leader at the decision. A refusal is the reviewer's (then no later step)
   * or the leader's, half each. The steps share the time from 受理 to the decision, unevenly.
   */
  review(c: CaseCourse): void {
    if (!c.acceptedAt || !c.finishAt) return;
    const start = c.acceptedAt.getTime();
    const span = c.finishAt.getTime() - start;
    const reviewer = this.roster.pick('reviewer', c.departmentCode, c.regionCode, this.rnd);
    const refusedAtReview = c.decision === 'refused' && this.rnd() < 0.5;
    const inspected = c.stepDays.site_inspection !== undefined;
    // 审核 done within the first half; 现场核查 within the next third; the leader signs at the decision
    const reviewedAt = refusedAtReview ? c.finishAt : new Date(start + span * (inspected ? 0.1 + 0.3 * this.rnd() : 0.2 + 0.4 * this.rnd()));
    this.record(
      c,
      'review',
      '审核',
      reviewer,
      refusedAtReview ? 'reject' : 'approve',
      refusedAtReview ? '不符合许可条件，建议不予许可' : '材料齐全，审核通过',
      c.acceptedAt,
      reviewedAt,
    );
    if (refusedAtReview) return;
    let arrived = reviewedAt;
    if (inspected) {
      const inspectedAt = new Date(reviewedAt.getTime() + (c.finishAt.getTime() - reviewedAt.getTime()) * (0.4 + 0.4 * this.rnd()));
      const inspectors = 1 + (this.rnd() < 0.5 ? 1 : 0);
      for (let k = 0; k < inspectors; k++) {
        const inspector = this.roster.pick('reviewer', c.departmentCode, c.regionCode, this.rnd);
        this.record(c, 'site_inspection', '现场核查', inspector, 'approve', '现场核查符合要求', arrived, new Date(inspectedAt.getTime() - k * 2 * HOUR_MS));
      }
      arrived = inspectedAt;
    }
    if (!c.decision) {
      // still open: the leader's task waits
      return;
    }
    const leader = this.roster.pick('leader', c.departmentCode, c.regionCode, this.rnd);
    const refused = c.decision === 'refused';
    this.record(c, 'decision', '签发', leader, refused ? 'reject' : 'approve', refused ? '不予许可' : '同意，准予许可', arrived, c.finishAt);
  }
}
