import { QueryTypes, type CreationAttributes, type Sequelize } from 'sequelize';
import { Case } from '../server/cases/case.model.ts';
import { ELicense } from '../server/e-licenses/e-license.model.ts';
import type { WorkingCalendar } from '../server/calendar/index.ts';
import { createStaff, OPINION_COLUMNS, OpinionWriter, type CaseCourse } from './staff-generator.ts';

/**
 * A year of a city's cases for the benchmarks (issue 18: 1,000,000 a year): realistic shares of
 * items and bundles, channels, outcomes, corrections, 容缺 and 告知承诺, materials given as
 * e-licences or files of earlier cases, deliveries (pickups at the window), ratings and the
 * rectifications of bad ones, spread over the 365 days before `end`; a few percent still open; the
 * city's staff and the opinions they recorded on each case (bench/staff-generator.ts). Every row is
 * one the platform itself writes (users, cases, timeline_events, commitments, case_materials,
 * case_licenses, deliveries, case_ratings, problems, opinions), so the read model projects them as
 * it projects real ones. Deterministic for a seed.
 */

export interface GeneratedItem {
  code: string;
  departmentCode: string;
  promisedDays: number;
  statutoryDays: number;
  /** the working days the item gives its steps (its stepDays): 审核, 现场核查, 签发 */
  stepDays?: Record<string, number>;
}

export interface GenerateOptions {
  cases: number;
  end: Date;
  items: GeneratedItem[];
  /** bundles: a code and the items it applies for (at the 综合窗口, department `center`) */
  bundles: { code: string; items: string[] }[];
  regions: string[];
  calendar: WorkingCalendar;
  seed?: number;
  onProgress?: (done: number) => void;
}

const DAY_MS = 86_400_000;
const BATCH = 2_000;

/** mulberry32: a small seeded generator (the same data for the same seed). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted.at(-1)![0];
}

const CHANNELS: [string, number][] = [
  ['web', 46],
  ['mobile', 30],
  ['window', 16],
  ['kiosk', 4],
  ['assisted', 4],
];
const LEVELS: [number, number][] = [
  [5, 62],
  [4, 24],
  [3, 8],
  [2, 3.5],
  [1, 2.5],
];

interface Rows {
  attachments: unknown[][];
  timeline: unknown[][];
  commitments: unknown[][];
  materials: unknown[][];
  licences: unknown[][];
  deliveries: unknown[][];
  ratings: unknown[][];
  rectifications: { ratingCaseId: number; resolvedAt: Date | null; caseNo: string; departmentCode: string; createdAt: Date }[];
}

async function insert(sequelize: Sequelize, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const slice = rows.slice(i, i + BATCH);
    const placeholders = slice.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await sequelize.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders}`, { replacements: slice.flat(), type: QueryTypes.INSERT });
  }
}

/** Writes the staff, the cases and their rows; answers how many cases (applications and a bundle's items), opinions and staff were written. */
export async function generateCases(
  sequelize: Sequelize,
  o: GenerateOptions,
): Promise<{ applications: number; rows: number; opinions: number; staff: number }> {
  const rnd = random(o.seed ?? 20261207);
  const start = o.end.getTime() - 365 * DAY_MS;
  let written = 0;
  let attachment = 0;
  // the e-licence the cases that give one give (its holder is no one's: the read model only counts it)
  const licenceId = (
    await ELicense.create({
      type: 'business_license',
      number: '91430100MA4BENCH0X',
      name: '营业执照',
      holderIdNo: '110101199003074514',
      holderName: '测试',
      data: {},
      validFrom: new Date(start),
    })
  ).id;
  const departments = [...new Set(['center', ...o.items.map((i) => i.departmentCode)])];
  const roster = await createStaff(sequelize, departments, o.regions);
  const opinions = new OpinionWriter(roster, o.calendar, o.end, rnd);
  let opinionRows = 0;
  let serial = 0;
  for (let done = 0; done < o.cases;) {
    const n = Math.min(BATCH, o.cases - done);
    // the applications of this batch, then their bundles' items
    const apps: {
      row: CreationAttributes<Case>;
      bundle: { code: string; items: string[] } | null;
      course: Omit<CaseCourse, 'caseId' | 'departmentCode' | 'stepDays'>;
      extra: (id: number, rows: Rows) => void;
    }[] = [];
    for (let k = 0; k < n; k++) {
      const createdAt = new Date(start + rnd() * 365 * DAY_MS);
      const bundle = rnd() < 0.08 ? o.bundles[Math.floor(rnd() * o.bundles.length)]! : null;
      const item = bundle ? null : o.items[Math.floor(rnd() * o.items.length)]!;
      const channel = pick(rnd, CHANNELS);
      const regionCode = o.regions[Math.floor(rnd() * o.regions.length)]!;
      const notAccepted = rnd() < 0.025;
      const withdrawn = !notAccepted && rnd() < 0.01;
      const corrections = rnd() < 0.11 ? 1 + (rnd() < 0.1 ? 1 : 0) : 0;
      const acceptedAt = notAccepted || withdrawn ? null : new Date(createdAt.getTime() + (0.1 + corrections * 2 + rnd()) * DAY_MS);
      const promisedDays = item?.promisedDays ?? 5;
      const statutoryDays = item?.statutoryDays ?? 20;
      const promisedDueAt = acceptedAt ? o.calendar.due(acceptedAt, promisedDays).due : null;
      const statutoryDueAt = acceptedAt ? o.calendar.due(acceptedAt, statutoryDays).due : null;
      // most close well within the promise; a few run late
      const late = rnd() < 0.03;
      const finishAt = acceptedAt ? new Date(acceptedAt.getTime() + (late ? statutoryDays * 1.6 : promisedDays * rnd() * 1.2) * DAY_MS) : null;
      const open = finishAt !== null && finishAt.getTime() > o.end.getTime();
      const decision = !acceptedAt || open ? null : rnd() < 0.95 ? 'approved' : 'refused';
      const pickup = decision === 'approved' && ['window', 'kiosk', 'assisted'].includes(channel) && rnd() < 0.45;
      const status = notAccepted ? 'not_accepted' : withdrawn ? 'withdrawn' : open ? 'in_review' : decision === 'refused' ? 'refused' : 'delivered';
      const caseNo = `G${String(++serial).padStart(13, '0')}`;
      apps.push({
        bundle,
        course: { regionCode, channel, createdAt, corrections, notAccepted, acceptedAt, finishAt, decision },
        row: {
          caseNo,
          kind: bundle ? 'bundle' : 'item',
          itemCode: bundle?.code ?? item!.code,
          itemVersion: 1,
          departmentCode: bundle ? 'center' : item!.departmentCode,
          regionCode,
          receivedRegionCode: regionCode,
          channel: channel as Case['channel'],
          status: status as Case['status'],
          applicantName: '测试申请人',
          applicantIdType: 'resident_id',
          applicantIdNo: '110101199003074514',
          applicantPhone: '13800000000',
          form: {},
          agent: null,
          processInstanceId: null,
          submittedBy: 1,
          idempotencyKey: null,
          createdAt,
          acceptedAt,
          promisedDueAt,
          statutoryDueAt,
          finishedAt: decision ? finishAt : notAccepted || withdrawn ? createdAt : null,
          decision: decision as Case['decision'],
        },
        extra: (id, rows) => {
          const t = (type: string, at: Date, detail: object = {}) => rows.timeline.push([id, type, 'bench', JSON.stringify(detail), at]);
          t('case.submitted', createdAt, { channel });
          for (let c = 0; c < corrections; c++) {
            t('acceptance.correction', new Date(createdAt.getTime() + (c * 2 + 0.5) * DAY_MS));
            t('case.resubmitted', new Date(createdAt.getTime() + (c * 2 + 1.5) * DAY_MS), { atWindow: channel === 'window' && rnd() < 0.5 });
          }
          if (notAccepted) t('acceptance.not_accepted', createdAt);
          if (acceptedAt) t('acceptance.accepted', acceptedAt);
          if (decision) t(decision === 'approved' ? 'case.approved' : 'case.refused', finishAt!);
          if (acceptedAt && rnd() < 0.05) rows.commitments.push([id, 'food-safety-rules', 'deferral', createdAt]);
          if (acceptedAt && rnd() < 0.08) rows.commitments.push([id, 'premises-proof', 'replacement', createdAt]);
          const given = 2 + Math.floor(rnd() * 3);
          // at most one file of an earlier case (复用), then new ones
          const earlier = attachment;
          for (let m = 0; m < given; m++) {
            const reused = m === 0 && earlier > 0 && rnd() < 0.4;
            if (reused) {
              rows.materials.push([id, `material-${m}`, `bench-${1 + Math.floor(rnd() * earlier)}`, createdAt]);
            } else {
              rows.attachments.push([`bench-${++attachment}`, `材料${m}.pdf`, 'application/pdf', 1024, '0'.repeat(64), `bench/${attachment}`, 1, createdAt]);
              rows.materials.push([id, `material-${m}`, `bench-${attachment}`, createdAt]);
            }
          }
          if (rnd() < 0.35) rows.licences.push([id, 'business-license', licenceId, createdAt]);
          if (decision === 'approved') {
            rows.deliveries.push([id, pickup ? 'pickup' : rnd() < 0.3 ? 'logistics' : 'electronic', 'delivered', `S${caseNo}`, finishAt, finishAt]);
          }
          if (decision && rnd() < 0.3) {
            const level = pick(rnd, LEVELS);
            const ratedAt = new Date(finishAt!.getTime() + rnd() * 3 * DAY_MS);
            if (ratedAt.getTime() <= o.end.getTime()) {
              rows.ratings.push([id, caseNo, bundle ? 'center' : item!.departmentCode, level, '[]', 1, ratedAt]);
              if (level <= 2) {
                const resolved = rnd() < 0.85 ? new Date(ratedAt.getTime() + rnd() * 25 * DAY_MS) : null;
                rows.rectifications.push({
                  ratingCaseId: id,
                  caseNo,
                  departmentCode: bundle ? 'center' : item!.departmentCode,
                  createdAt: ratedAt,
                  resolvedAt: resolved && resolved.getTime() <= o.end.getTime() ? resolved : null,
                });
              }
            }
          }
        },
      });
    }
    const created = await Case.bulkCreate(
      apps.map((a) => a.row),
      { hooks: false },
    );
    const rows: Rows = { attachments: [], timeline: [], commitments: [], materials: [], licences: [], deliveries: [], ratings: [], rectifications: [] };
    const children: CreationAttributes<Case>[] = [];
    const childCourses: Omit<CaseCourse, 'caseId'>[] = [];
    created.forEach((c, i) => {
      const app = apps[i]!;
      app.extra(c.id, rows);
      // the window's acceptance on the case as submitted; an item's own steps (a bundle's are its items')
      const own = app.bundle ? undefined : o.items.find((x) => x.code === app.row.itemCode);
      const course = { ...app.course, caseId: c.id, departmentCode: app.row.departmentCode, stepDays: own?.stepDays ?? {} };
      opinions.acceptance(course);
      if (own) opinions.review(course);
      if (app.bundle) {
        for (const code of app.bundle.items) {
          const item = o.items.find((x) => x.code === code)!;
          childCourses.push({ ...app.course, departmentCode: item.departmentCode, stepDays: item.stepDays ?? {} });
          children.push({
            ...app.row,
            caseNo: `${c.caseNo}-${code}`.slice(0, 32),
            kind: 'item',
            parentCaseId: c.id,
            itemCode: code,
            departmentCode: item.departmentCode,
          });
        }
      }
    });
    if (children.length) {
      const made = await Case.bulkCreate(children, { hooks: false });
      made.forEach((child, i) => opinions.review({ ...childCourses[i]!, caseId: child.id }));
    }
    const recorded = opinions.take();
    opinionRows += recorded.opinions.length;
    await insert(sequelize, 'opinions', OPINION_COLUMNS, recorded.opinions);
    // a case's entries in the order they happened, as the platform appends them (the province takes them in that order; a task's entry before the acceptance or decision it made)
    const timeline = [...recorded.timeline, ...rows.timeline].sort(
      (a, b) => Number(a[0]) - Number(b[0]) || (a[4] as Date).getTime() - (b[4] as Date).getTime(),
    );
    await insert(sequelize, 'timeline_events', ['case_id', 'type', 'actor', 'detail', 'created_at'], timeline);
    await insert(
      sequelize,
      'commitments',
      ['case_id', 'material_code', 'kind', 'text', 'signer_name', 'signer_id_no', 'signed_at', 'sha256'],
      rows.commitments.map(([id, code, kind, at]) => [id, code, kind, '承诺', '测试', '110101199003074514', at, '0'.repeat(64)]),
    );
    await insert(
      sequelize,
      'attachments',
      ['id', 'original_name', 'mime_type', 'size_bytes', 'sha256', 'storage_key', 'uploaded_by', 'created_at'],
      rows.attachments,
    );
    await insert(sequelize, 'case_materials', ['case_id', 'material_code', 'attachment_id', 'created_at'], rows.materials);
    await insert(sequelize, 'case_licenses', ['case_id', 'material_code', 'e_license_id', 'created_at'], rows.licences);
    await insert(
      sequelize,
      'deliveries',
      ['case_id', 'method', 'status', 'shipment_no', 'documents', 'events', 'delivered_at', 'created_at', 'updated_at'],
      rows.deliveries.map(([id, method, status, no, delivered, at]) => [id, method, status, no, '[]', '[]', delivered, at, at]),
    );
    if (rows.ratings.length) {
      await insert(sequelize, 'case_ratings', ['case_id', 'case_no', 'department_code', 'level', 'reasons', 'rated_by', 'created_at'], rows.ratings);
      if (rows.rectifications.length) {
        const ids = await sequelize.query<{ id: number; case_id: number }>(`SELECT id, case_id FROM case_ratings WHERE case_id IN (:ids)`, {
          replacements: { ids: rows.rectifications.map((r) => r.ratingCaseId) },
          type: QueryTypes.SELECT,
        });
        const ratingOf = new Map(ids.map((r) => [Number(r.case_id), Number(r.id)]));
        // 问题闭环: each 差评 a problem of its department, due in 15 working days; most rectified and closed (销号)
        await insert(
          sequelize,
          'problems',
          [
            'source',
            'department_code',
            'case_no',
            'rating_id',
            'title',
            'description',
            'due_days',
            'due_at',
            'status',
            'rectification',
            'rectified_at',
            'closed_at',
            'created_at',
            'updated_at',
          ],
          rows.rectifications.map((r) => [
            'bad_rating',
            r.departmentCode,
            r.caseNo,
            ratingOf.get(r.ratingCaseId),
            `差评整改：${r.caseNo}`,
            '申请人差评',
            15,
            o.calendar.due(r.createdAt, 15).due,
            r.resolvedAt ? 'closed' : 'open',
            r.resolvedAt ? '已整改' : null,
            r.resolvedAt,
            r.resolvedAt,
            r.createdAt,
            r.resolvedAt ?? r.createdAt,
          ]),
        );
      }
    }
    written += created.length + children.length;
    done += n;
    o.onProgress?.(done);
  }
  return { applications: o.cases, rows: written, opinions: opinionRows, staff: roster.size };
}
