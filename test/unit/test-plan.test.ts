import { expect } from 'chai';
import { EVERY_PROFILE_MARK, mergeTimings, planLanes, spread, tierFiles, type PlanOptions, type Tier, type Timings } from '../../scripts/test-plan.ts';

const timings: Timings = {
  files: {
    'test/api/a.test.ts': 100,
    'test/api/b.test.ts': 60,
    'test/api/c.test.ts': 50,
    'test/api/d.test.ts': 40,
    'test/api/dialect.test.ts': 30,
    'test/browser/x.test.ts': 90,
    'test/browser/y.test.ts': 80,
    'test/browser/z.test.ts': 10,
    'test/unit/u.test.ts': 1,
  },
  lanes: { api: 20, browser: 30, unit: 2 },
};

const files: Record<Tier, string[]> = {
  unit: ['test/unit/u.test.ts', 'test/unit/new.test.ts'],
  api: ['test/api/a.test.ts', 'test/api/b.test.ts', 'test/api/c.test.ts', 'test/api/d.test.ts', 'test/api/dialect.test.ts', 'test/api/new.test.ts'],
  browser: ['test/browser/x.test.ts', 'test/browser/y.test.ts', 'test/browser/z.test.ts'],
  cluster: ['test/cluster/k.test.ts'],
  backup: ['test/backup/b.test.ts'],
};

const options = (over: Partial<PlanOptions> = {}): PlanOptions => ({
  tiers: ['unit', 'api', 'browser', 'cluster'],
  profiles: ['mariadb', 'embedded'],
  scope: 'commit',
  columns: 2,
  laneFlavours: { embedded: 'operaton' },
  defaultFlavour: 'camunda',
  timings,
  files,
  everyProfile: new Set(['test/api/dialect.test.ts']),
  ...over,
});

const lane = (lanes: ReturnType<typeof planLanes>, name: string) => lanes.find((l) => l.name === name)!;

describe('the lanes of scripts/test.sh (scripts/test-plan.ts)', () => {
  it('shares files out longest first, each to the lighter lane', () => {
    const [one, two] = spread(['test/api/a.test.ts', 'test/api/b.test.ts', 'test/api/c.test.ts', 'test/api/d.test.ts'], 2, timings);
    // 100 | 60, then 50 to the 60 side, then 40 to the 100 side: 140 against 110
    expect(one).to.deep.equal(['test/api/a.test.ts', 'test/api/d.test.ts']);
    expect(two).to.deep.equal(['test/api/b.test.ts', 'test/api/c.test.ts']);
  });

  it('commit scope: every API file once, a file marked every-profile on each profile; browser in two lanes; each lane on its engine', () => {
    const lanes = planLanes(options());
    const mariadb = lane(lanes, 'mariadb');
    const embedded = lane(lanes, 'embedded');
    expect(mariadb.files).to.include('test/api/dialect.test.ts');
    expect(embedded.files).to.include('test/api/dialect.test.ts');
    const once = files.api.filter((f) => f !== 'test/api/dialect.test.ts');
    expect([...mariadb.files, ...embedded.files].filter((f) => f !== 'test/api/dialect.test.ts').sort()).to.deep.equal(once);
    expect(mariadb.flavour).to.equal('camunda');
    expect(embedded.flavour).to.equal('operaton');
    expect(lane(lanes, 'browser-1').files.length + lane(lanes, 'browser-2').files.length).to.equal(3);
    expect(lane(lanes, 'browser-1').profile).to.equal('mariadb');
    // a file never timed weighs as its tier's median (api: 50 s)
    expect(mariadb.weight + embedded.weight).to.equal(100 + 60 + 50 + 40 + 2 * 30 + 50 + 2 * 20);
  });

  it('full scope: every API file on every profile, but one marked one-profile, which runs on one', () => {
    const lanes = planLanes(options({ scope: 'full' }));
    expect(lane(lanes, 'mariadb').files).to.deep.equal(files.api);
    expect(lane(lanes, 'embedded').files).to.deep.equal(files.api);
    const marked = planLanes(options({ scope: 'full', oneProfile: new Set(['test/api/new.test.ts']) }));
    const others = files.api.filter((f) => f !== 'test/api/new.test.ts');
    const [m, e] = [lane(marked, 'mariadb').files, lane(marked, 'embedded').files];
    expect(m.filter((f) => f !== 'test/api/new.test.ts')).to.deep.equal(others);
    expect(e.filter((f) => f !== 'test/api/new.test.ts')).to.deep.equal(others);
    expect([...m, ...e].filter((f) => f === 'test/api/new.test.ts')).to.have.length(1);
  });

  it("four columns: a profile's lane is cut into parts, each on its profile's engine, where that ends the run sooner", () => {
    const lanes = planLanes(options({ columns: 4, scope: 'full' }));
    const embedded = lanes.filter((l) => l.profile === 'embedded');
    expect(embedded.length).to.be.greaterThan(1);
    expect(embedded.every((l) => l.flavour === 'operaton' && /^embedded-\d$/.test(l.name))).to.equal(true);
    expect(embedded.flatMap((l) => l.files).sort()).to.deep.equal([...files.api].sort());
    expect(new Set(lanes.map((l) => l.column))).to.deep.equal(new Set([0, 1, 2, 3]));
    const end = (plan: typeof lanes) => Math.max(...[0, 1, 2, 3].map((c) => plan.filter((l) => l.column === c).reduce((s, l) => s + l.weight, 0)));
    // uncut, the two API lanes (350 s each, their platforms' starts included) would end the run
    expect(end(lanes)).to.be.below(350);
    // three columns: cutting them gains nothing over putting the rest beside them, so they stay whole
    const three = planLanes(options({ columns: 3, scope: 'full' }));
    expect(three.filter((l) => l.tier === 'api').map((l) => l.name)).to.deep.equal(['mariadb', 'embedded']);
  });

  it('puts the lanes in two columns that end close together, the unit tier last in its column', () => {
    const lanes = planLanes(options());
    const load = [0, 1].map((c) => lanes.filter((l) => l.column === c).reduce((s, l) => s + l.weight, 0));
    const total = load[0] + load[1];
    const heaviest = Math.max(...lanes.map((l) => l.weight));
    expect(Math.abs(load[0] - load[1])).to.be.at.most(heaviest);
    expect(total).to.equal(lanes.reduce((s, l) => s + l.weight, 0));
    const unitColumn = lanes.filter((l) => l.column === lane(lanes, 'unit').column);
    expect(unitColumn.at(-1)!.name).to.equal('unit');
    // in each column the lanes that wait for the front end's build (browser, cluster) come after those that do not
    for (const c of [0, 1]) {
      const tiers = lanes.filter((l) => l.column === c && l.tier !== 'unit').map((l) => (l.tier === 'browser' || l.tier === 'cluster' ? 'built' : 'plain'));
      expect(tiers.join(' ')).to.match(/^(plain ?)*(built ?)*$/);
    }
  });

  it('one after the other (TEST_SERIAL, a shared Redis): one browser lane, the unit tier first', () => {
    const lanes = planLanes(options({ columns: 1 }));
    expect(lanes.map((l) => l.name)).to.deep.equal(['unit', 'browser', 'mariadb', 'embedded', 'cluster', 'backup']);
    expect(lanes.every((l) => l.column === 0)).to.equal(true);
  });

  it('leaves out what was not asked for: one profile runs every API file; cluster and backup only with MariaDB', () => {
    const lanes = planLanes(options({ profiles: ['embedded'], tiers: ['api', 'cluster'] }));
    // alone in two columns, the profile's files are cut in two lanes to fill both
    expect(lanes.map((l) => l.name).sort()).to.deep.equal(['embedded-1', 'embedded-2']);
    expect(lanes.flatMap((l) => l.files).sort()).to.deep.equal([...files.api].sort());
    const one = planLanes(options({ profiles: ['embedded'], tiers: ['api'], columns: 1 }));
    expect(one.map((l) => [l.name, l.files])).to.deep.equal([['embedded', files.api]]);
  });

  it("records a run's seconds per file and the lane's own start over the older ones", () => {
    const merged = mergeTimings(timings, [{ tier: 'api', seconds: 200, files: { 'test/api/a.test.ts': 120.04, 'test/api/new.test.ts': 40 } }]);
    expect(merged.files['test/api/a.test.ts']).to.equal(120);
    expect(merged.files['test/api/new.test.ts']).to.equal(40);
    expect(merged.files['test/api/b.test.ts']).to.equal(60);
    expect(merged.lanes.api).to.equal(40);
    expect(merged.lanes.browser).to.equal(30);
  });

  it('finds the real tiers, and the real files marked every-profile', async () => {
    const api = tierFiles('api');
    expect(api).to.include('test/api/engine-contract.test.ts');
    expect(api.some((f) => f.startsWith('processes/'))).to.equal(true);
    expect(tierFiles('unit')).to.include('test/unit/test-plan.test.ts');
    const { readFileSync } = await import('node:fs');
    expect(EVERY_PROFILE_MARK.test(readFileSync('test/api/engine-contract.test.ts', 'utf8'))).to.equal(true);
    expect(EVERY_PROFILE_MARK.test(readFileSync('test/api/seals.test.ts', 'utf8'))).to.equal(false);
  });
});
