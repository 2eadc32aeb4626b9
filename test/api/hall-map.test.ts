import { expect } from 'chai';
import { api, auth } from '../support/api.ts';
import { issueTicket } from '../../server/queue/index.ts';
import { QueueTicket } from '../../server/queue/ticket.model.ts';
import { shanghaiDay } from '../../server/calendar/index.ts';

/**
 * 政务服务数字地图 (server/hall-map, docs/hall-map.md): GET /hall-map without signing in, on a district
 * of the test's own (4301 + two digits from the clock) with a street under it.
 */
const stamp = Date.now().toString(36).slice(-4);
const district = `4301${String(50 + ((Number.parseInt(stamp, 36) + 7) % 49)).padStart(2, '0')}`;
const street = `${district}${String(100 + (Number.parseInt(stamp, 36) % 800)).padStart(3, '0')}`;
/** items whose levels include the district level (processes/*\/item.json) */
const DISTRICT_ITEMS = ['MZ-GL-001', 'RS-CY-001', 'SCJG-GT-001', 'SCJG-KB-001', 'WJ-YE-001'];

type MapHall = {
  id: number;
  nameZh: string;
  kind: string;
  region: { code: string; level: string };
  latitude: number | null;
  longitude: number | null;
  openingPeriods: { from: string; to: string }[];
  phone: string | null;
  windows: Record<string, number>;
  items: { code: string; nameZh: string; nameEn: string; onlineDepth: number }[];
  queue: { waiting: number; averageWaitMinutes: number | null };
  today: { workday: boolean; name: string | null };
};

const admin = async (path: string, body: object, method: 'post' | 'patch' | 'put' = 'post') => {
  const headers = await auth('admin');
  const res = await api()[method](`/api/v1${path}`).set(headers).send(body);
  expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
  return res.body;
};
const hallMap = (query = '', language = 'zh-CN') => api().get(`/api/v1/hall-map${query}`).set('Accept-Language', language);

describe('政务服务数字地图: the public hall map', function () {
  this.timeout(60_000);
  const ids: Record<'centre' | 'station' | 'closed', number> = { centre: 0, station: 0, closed: 0 };

  before(async () => {
    await admin('/regions', { code: district, nameZh: `地图测试区${stamp}`, nameEn: `Map Test District ${stamp}`, parentCode: '430100' });
    await admin('/regions', { code: street, nameZh: `地图测试街道${stamp}`, nameEn: `Map Test Street ${stamp}`, parentCode: district });
    const centre = await admin('/halls', {
      regionCode: district,
      nameZh: `地图测试区政务服务中心${stamp}`,
      nameEn: `Map Test Centre ${stamp}`,
      address: '测试大道 1 号',
      phone: '0731-8000001',
      latitude: 28.15,
      longitude: 112.95,
      openingPeriods: [
        { from: '08:30', to: '12:00' },
        { from: '14:00', to: '17:30' },
      ],
    });
    ids.centre = centre.id;
    await admin(`/halls/${centre.id}/windows`, { number: '01', kind: 'general' });
    await admin(`/halls/${centre.id}/windows`, { number: '02', kind: 'green' });
    const off = await admin(`/halls/${centre.id}/windows`, { number: '03', kind: 'general' });
    await admin(
      `/hall-windows/${(off.windows as { id: number; number: string }[]).find((w) => w.number === '03')!.id}`,
      { number: '03', kind: 'general', active: false },
      'patch',
    );
    // a station not placed on the map yet, and a hall out of use
    ids.station = (
      await admin('/halls', { regionCode: street, nameZh: `地图测试便民服务中心${stamp}`, nameEn: `Map Test Street Centre ${stamp}`, address: '测试街 2 号' })
    ).id;
    ids.closed = (await admin('/halls', { regionCode: district, nameZh: `地图测试旧大厅${stamp}`, nameEn: `Old hall ${stamp}`, address: '旧路 3 号' })).id;
    await admin(`/halls/${ids.closed}`, { active: false }, 'patch');

    // today is a day off in the test's district (its calendar's own override)
    await admin(`/calendar/overrides/${shanghaiDay(new Date())}`, { kind: 'holiday', name: `地图测试休息日${stamp}`, region: district }, 'put');

    // today's queue at the centre: three tickets taken, one of them called after six minutes
    for (let i = 0; i < 3; i++)
      await issueTicket({ hallId: ids.centre, windowKind: i === 2 ? 'green' : 'general', priority: i === 2 ? 'elderly' : null }, { actor: null });
    const first = await QueueTicket.findOne({ where: { hallId: ids.centre }, order: [['id', 'ASC']] });
    await first!.update({ status: 'called', calledAt: new Date(), waitSeconds: 360 });
  });

  it('lists the halls in use of a region without signing in: kind, place, hours, the items each handles, today’s queue', async () => {
    const res = await hallMap(`?region=${district}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const halls = res.body.halls as MapHall[];
    // the hall out of use is not on the map
    expect(halls.map((h) => h.id)).to.deep.equal([ids.centre, ids.station]);
    const [centre, station] = halls as [MapHall, MapHall];
    expect(centre).to.deep.include({ kind: 'government_center', latitude: 28.15, longitude: 112.95, phone: '0731-8000001' });
    expect(centre.region).to.deep.equal({ code: district, nameZh: `地图测试区${stamp}`, nameEn: `Map Test District ${stamp}`, level: 'district' });
    expect(centre.openingPeriods).to.deep.equal([
      { from: '08:30', to: '12:00' },
      { from: '14:00', to: '17:30' },
    ]);
    // the window out of use is not counted
    expect(centre.windows).to.deep.equal({ general: 1, special: 0, green: 1 });
    // 四级九统: a district's hall handles the items handled at the district level, in both languages
    expect(centre.items.map((i) => i.code)).to.deep.equal(DISTRICT_ITEMS);
    expect(centre.items.find((i) => i.code === 'MZ-GL-001')).to.deep.include({ nameZh: '高龄津贴申领' });
    expect(centre.items.every((i) => i.nameEn && [1, 2, 3, 4].includes(i.onlineDepth))).to.equal(true);
    // two waiting; the one called waited six minutes
    expect(centre.queue).to.deep.equal({ waiting: 2, averageWaitMinutes: 6 });
    // the district's calendar says today is off: the opening periods do not hold today
    expect(centre.today).to.deep.equal({ workday: false, name: `地图测试休息日${stamp}` });

    // the street's 便民服务中心: listed without a place (no marker), no item handled at the street level, nobody waiting
    expect(station).to.deep.include({ kind: 'service_center', latitude: null, longitude: null, items: [] });
    expect(station.region.level).to.equal('town');
    expect(station.queue).to.deep.equal({ waiting: 0, averageWaitMinutes: null });
    expect(station.today.workday, 'a street keeps its district’s calendar').to.equal(false);
    // the filter's regions: the district's chain from the city down
    expect((res.body.regions as { code: string }[]).map((r) => r.code)).to.deep.equal(['430100', district, street]);
  });

  it('shows the demo city: its 政务服务中心 handles the items of the city level, the 桃花岭 便民服务站 is a station', async () => {
    const res = await hallMap();
    expect(res.status).to.equal(200);
    const halls = res.body.halls as MapHall[];
    const city = halls.find((h) => h.nameZh === '长沙市政务服务中心')!;
    expect(city.kind).to.equal('government_center');
    // items naming no level are the root's (the city's), with those naming the city level
    expect(city.items.map((i) => i.code)).to.include.members(DISTRICT_ITEMS);
    expect(city.items.length).to.be.greaterThan(DISTRICT_ITEMS.length);
    const station = halls.find((h) => h.nameZh === '桃花岭社区便民服务站')!;
    expect(station).to.deep.include({ kind: 'service_station', latitude: 28.1901, longitude: 112.9262 });
    expect(halls.some((h) => h.id === ids.closed)).to.equal(false);
  });

  it('refuses a malformed region and one not in use, in the caller’s language', async () => {
    const malformed = await hallMap('?region=43');
    expect(malformed.status).to.equal(422);
    expect(malformed.body.error.details[0]).to.deep.include({ field: 'region', message: '区划：应为 6、9 或 12 位区划代码' });
    const missing = await hallMap('?region=439999', 'en');
    expect(missing.status).to.equal(422);
    expect(missing.body.error.details[0]).to.deep.include({ field: 'region', message: 'Region: no region "439999" in use' });
    const twice = await hallMap(`?region=${district}&region=${street}`);
    expect(twice.status).to.equal(422);
  });
});
