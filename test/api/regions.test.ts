import { expect } from 'chai';
import {
  api,
  applicant,
  auth,
  completeMaterials,
  decide,
  foodForm,
  getCase,
  ITEM,
  submit,
  uploadRequired,
  validForm,
  waitForStatus,
  waitForTask,
} from '../support/api.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { eventually } from '../support/eventually.ts';

const stamp = Date.now().toString(36).slice(-4);
/** a district code of the demo city no other test makes: 4301 + two digits from the clock */
const district = `4301${String(50 + (Number.parseInt(stamp, 36) % 49)).padStart(2, '0')}`;

const post = async (path: string, body: object, as = 'admin') =>
  api()
    .post(`/api/v1${path}`)
    .set(await auth(as))
    .send(body);
const patch = async (path: string, body: object, as = 'admin') =>
  api()
    .patch(`/api/v1${path}`)
    .set(await auth(as))
    .send(body);
const inbox = async (username: string, caseNo: string) =>
  (
    await api()
      .get('/api/v1/tasks')
      .query({ caseNo })
      .set(await auth(username))
  ).body.tasks as { caseNo: string; id: string }[];

describe('四级: the region tree, its departments and halls (the system administrator)', function () {
  this.timeout(60_000);

  it('shows the demo tree: the city, its districts, a street and a community, each with its level', async () => {
    const res = await api()
      .get('/api/v1/regions')
      .set(await auth('clerk'));
    expect(res.status).to.equal(200);
    const regions = res.body.regions as { code: string; level: string; parentCode: string | null }[];
    expect(regions.find((r) => r.code === '430100')).to.include({ level: 'city', parentCode: null });
    expect(regions.find((r) => r.code === '430104')).to.include({ level: 'district', parentCode: '430100' });
    expect(regions.find((r) => r.code === '430104003')).to.include({ level: 'town', parentCode: '430104' });
    expect(regions.find((r) => r.code === '430104003001')).to.include({ level: 'village', parentCode: '430104003' });
  });

  it('adds a region under its parent, refuses one that does not fit the tree, and records who did it', async () => {
    const bad = await post('/regions', { code: '430104003', nameZh: '错位街道', nameEn: 'Misplaced', parentCode: '430100' });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['parentCode']);
    const wrongPrefix = await post('/regions', { code: '430204', nameZh: '外市区', nameEn: 'Elsewhere', parentCode: '430100' });
    expect([wrongPrefix.status, wrongPrefix.body.error.details[0].field]).to.deep.equal([422, 'code']);
    const orphan = await post('/regions', { code: '430104099', nameZh: '孤街道', nameEn: 'Orphan' });
    expect([orphan.status, orphan.body.error.details[0].field]).to.deep.equal([422, 'parentCode']);
    expect((await post('/regions', { code: district, nameZh: '测试区', nameEn: 'Test District', parentCode: '430100' }, 'reviewer')).status).to.equal(403);

    const made = await post('/regions', { code: district, nameZh: '测试区', nameEn: 'Test District', parentCode: '430100' });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.body).to.include({ code: district, level: 'district', parentCode: '430100', active: true });
    const again = await post('/regions', { code: district, nameZh: '测试区', nameEn: 'Test District', parentCode: '430100' });
    expect([again.status, again.body.error.code]).to.deep.equal([409, 'region_exists']);
    const audit = await AuditEvent.findOne({ where: { action: 'region.created', target: `region:${district}` } });
    expect(audit?.actor).to.equal('admin');

    // a region with regions in use under it is not taken out of use; the root never
    const town = await post('/regions', { code: `${district}001`, nameZh: '测试街道', nameEn: 'Test Street', parentCode: district });
    expect(town.status).to.equal(201);
    expect((await patch(`/regions/${district}`, { active: false })).body.error.code).to.equal('region_has_active_children');
    expect((await patch('/regions/430100', { active: false })).body.error.code).to.equal('region_is_root');
    expect((await patch(`/regions/${district}001`, { active: false })).status).to.equal(200);
    expect((await patch(`/regions/${district}`, { nameZh: '测试新区' })).body).to.include({ nameZh: '测试新区' });
  });

  it('gives a region its departments (one of each kind) and halls with windows; the public sees the halls in use', async () => {
    const dep = await post('/region-departments', {
      regionCode: district,
      departmentCode: 'samr',
      nameZh: '测试区市场监督管理局',
      nameEn: 'Test District AMR',
      creditCode: '11430104MB1234567X',
    });
    // the credit code's check character is wrong: a clear 422 at the field
    expect([dep.status, dep.body.error.details[0].field]).to.deep.equal([422, 'creditCode']);
    const ok = await post('/region-departments', {
      regionCode: district,
      departmentCode: 'samr',
      nameZh: '测试区市场监督管理局',
      nameEn: 'Test District AMR',
      phone: '0731-1234567',
    });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    expect((await post('/region-departments', { regionCode: district, departmentCode: 'samr', nameZh: '重复', nameEn: 'Again' })).status).to.equal(409);
    const listed = await api()
      .get(`/api/v1/region-departments?region=${district}`)
      .set(await auth('reviewer'));
    expect(listed.body.departments.map((d: { departmentCode: string }) => d.departmentCode)).to.deep.equal(['samr']);

    const hall = await post('/halls', { regionCode: district, nameZh: '测试区政务服务中心', nameEn: 'Test Hall', address: '测试路 1 号' });
    expect(hall.status, JSON.stringify(hall.body)).to.equal(201);
    const special = await post(`/halls/${hall.body.id}/windows`, { number: '05', kind: 'special' });
    expect([special.status, special.body.error.details[0].field]).to.deep.equal([422, 'departmentCode']);
    const withWindow = await post(`/halls/${hall.body.id}/windows`, { number: '05', kind: 'special', departmentCode: 'samr' });
    expect(withWindow.body.windows).to.have.length(1);
    expect((await post(`/halls/${hall.body.id}/windows`, { number: '05', kind: 'general' })).status).to.equal(409);
    const publicHalls = await api().get(`/api/v1/halls?region=${district}`);
    expect(publicHalls.status).to.equal(200);
    expect(publicHalls.body.halls.map((h: { nameZh: string }) => h.nameZh)).to.deep.equal(['测试区政务服务中心']);
    // the details 在线预约 and the map need: the defaults, then periods and a place; periods out of order and half a place refused, nothing changed
    expect(hall.body).to.deep.include({ latitude: null, longitude: null, slotCapacity: { general: 4, special: 3, green: 2 } });
    expect(hall.body.openingPeriods).to.deep.equal([
      { from: '09:00', to: '12:00' },
      { from: '13:30', to: '17:00' },
    ]);
    const overlapping = await patch(`/halls/${hall.body.id}`, {
      openingPeriods: [
        { from: '08:30', to: '12:00' },
        { from: '11:30', to: '17:00' },
      ],
    });
    expect([overlapping.status, overlapping.body.error.details[0].field]).to.deep.equal([422, 'openingPeriods/1/from']);
    const backwards = await patch(`/halls/${hall.body.id}`, { openingPeriods: [{ from: '12:00', to: '09:00' }] });
    expect([backwards.status, backwards.body.error.details[0].field]).to.deep.equal([422, 'openingPeriods/0/to']);
    const offTheHalfHour = await patch(`/halls/${hall.body.id}`, { openingPeriods: [{ from: '09:15', to: '12:00' }] });
    expect(offTheHalfHour.status).to.equal(422);
    const halfAPlace = await patch(`/halls/${hall.body.id}`, { latitude: 28.2 });
    expect([halfAPlace.status, halfAPlace.body.error.details[0].message]).to.deep.equal([422, '经纬度：须同时填写或同时留空']);
    const placed = await patch(`/halls/${hall.body.id}`, {
      latitude: 28.2318,
      longitude: 112.8869,
      openingPeriods: [{ from: '08:30', to: '12:00' }],
      slotCapacity: { general: 6, special: 2, green: 1 },
    });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(200);
    const one = await api().get(`/api/v1/halls/${hall.body.id}`);
    expect(one.body).to.deep.include({ latitude: 28.2318, longitude: 112.8869, slotCapacity: { general: 6, special: 2, green: 1 } });
    expect(one.body.openingPeriods).to.deep.equal([{ from: '08:30', to: '12:00' }]);
    expect(one.body.windows.map((w: { number: string }) => w.number)).to.deep.equal(['05']);

    await patch(`/halls/${hall.body.id}`, { active: false });
    expect((await api().get(`/api/v1/halls?region=${district}`)).body.halls).to.deep.equal([]);
    expect((await api().get(`/api/v1/halls/${hall.body.id}`)).status).to.equal(404);
    expect((await api().get('/api/v1/halls?region=43')).status).to.equal(422);
  });

  it('places staff only in a region that has their department', async () => {
    const res = await post(
      '/admin/users',
      { username: `tx-${stamp}`, displayName: '天心审核员', roles: ['reviewer'], departmentCode: 'fire', regionCode: '430103' },
      'security',
    );
    expect(res.status).to.equal(422);
    expect(res.body.error.details[0].field).to.equal('regionCode');
  });
});

describe('四级: a case goes to the region that handles its item, and only that region’s staff see it', function () {
  this.timeout(120_000);

  it("a 便民服务站 takes a case the district decides: numbered by the district, worked by its reviewer and leader, seen by the city's leader, not by the city's reviewer", async () => {
    const materials = await completeMaterials('clerk-station');
    const res = await submit('clerk-station', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    expect(caseNo.startsWith('430104')).to.equal(true);
    expect(caseNo.startsWith('430104003')).to.equal(false);
    const view = await waitForStatus('clerk-station', caseNo, 'accepted');
    expect(view.departmentCode).to.equal('samr');

    const task = await waitForTask('reviewer-yuelu', caseNo, 'review');
    // the city's reviewer of the same department neither sees the district's case nor may take its task
    expect((await inbox('reviewer', caseNo)).some((t) => t.caseNo === caseNo)).to.equal(false);
    expect((await getCase('reviewer', caseNo)).status).to.equal(404);
    expect(
      (
        await api()
          .post(`/api/v1/tasks/${task.id}/claim`)
          .set(await auth('reviewer'))
      ).status,
    ).to.equal(404);
    await decide('reviewer-yuelu', caseNo, 'review', 'approve');
    // the decision: the district's leader, and the city's leader above it, both see it
    await waitForTask('leader', caseNo, 'decision');
    expect((await getCase('leader', caseNo)).status).to.equal(200);
    await decide('leader-yuelu', caseNo, 'decision', 'approve');
    await eventually('the decision', async () => ((await getCase('clerk-station', caseNo)).body.decision === 'approved' ? true : undefined), 60_000);
  });

  it("a district's window numbers its own cases; an item the city handles alone goes to the city; online, the applicant chooses", async () => {
    // 食品经营许可 names no levels: the platform's own region handles it, whoever takes it
    const item = await api().get('/api/v1/items/SCJG-SP-002');
    const food = await uploadRequired(
      'clerk-yuelu',
      item.body.materials.filter((m: { when?: object; required: boolean }) => !m.when),
    );
    const city = await submit('clerk-yuelu', {
      itemCode: 'SCJG-SP-002',
      answers: { entrusted: false },
      applicant: applicant(),
      form: foodForm(),
      materials: food,
    });
    expect(city.status, JSON.stringify(city.body)).to.equal(201);
    expect((city.body.caseNo as string).startsWith('430100')).to.equal(true);

    const own = await submit('clerk-yuelu', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('clerk-yuelu') });
    expect(own.status, JSON.stringify(own.body)).to.equal(201);
    expect((own.body.caseNo as string).startsWith('430104')).to.equal(true);

    const chosen = await submit('applicant', {
      itemCode: ITEM,
      regionCode: '430103',
      applicant: applicant(),
      form: validForm(),
      materials: await completeMaterials('applicant'),
    });
    expect(chosen.status, JSON.stringify(chosen.body)).to.equal(201);
    expect((chosen.body.caseNo as string).startsWith('430103')).to.equal(true);

    const nowhere = await submit('applicant', {
      itemCode: ITEM,
      regionCode: '439999',
      applicant: applicant(),
      form: validForm(),
      materials: await completeMaterials('applicant'),
    });
    expect([nowhere.status, nowhere.body.error.details[0].field]).to.deep.equal([422, 'regionCode']);
  });

  it('四级九统: the same item, the place per region — where an application received in a region is handled, and its halls', async () => {
    const places = async (code: string, region?: string) => api().get(`/api/v1/items/${code}/places${region ? `?region=${region}` : ''}`);
    const station = await places(ITEM, '430104003001');
    expect(station.status, JSON.stringify(station.body)).to.equal(200);
    expect(station.body.region).to.deep.equal({ code: '430104', name: '岳麓区' });
    // the district's halls (other files add halls of their own to 岳麓区), none of the city's, the street's or the community's
    const names = station.body.halls.map((h: { name: string }) => h.name) as string[];
    expect(names[0]).to.equal('岳麓区政务服务中心');
    expect(names).to.not.include.members(['长沙市政务服务中心']);
    expect(names.filter((n) => /便民服务/.test(n))).to.deep.equal([]);
    const city = await places(ITEM);
    expect(city.body.region).to.deep.equal({ code: '430100', name: '长沙市' });
    expect(city.body.halls[0]).to.include({ name: '长沙市政务服务中心', phone: '0731-12345' });
    // an item that names no levels: the city, wherever the applicant is
    expect((await places('SCJG-SP-002', '430104')).body.region).to.deep.equal({ code: '430100', name: '长沙市' });
    const bad = await places(ITEM, '439999');
    expect([bad.status, bad.body.error.details[0].field]).to.deep.equal([422, 'region']);
    expect((await places('NO-SUCH-ITEM')).status).to.equal(404);
  });
});
