import { always, answer, error, type Paths } from '../openapi/helpers.ts';
import { REGION_LEVELS } from '../../contract/regions.ts';
import { ONLINE_DEPTHS } from '../../contract/catalog/online-depth.ts';
import { HALL_KINDS } from './hall-map.ts';

const text = { type: 'string' };
const count = { type: 'integer', minimum: 0 };
const level = { enum: [...REGION_LEVELS] };
const item = always({ code: text, nameZh: text, nameEn: text, onlineDepth: { enum: [...ONLINE_DEPTHS] } });
const hall = always({
  id: { type: 'integer' },
  nameZh: text,
  nameEn: text,
  kind: { enum: [...HALL_KINDS], description: '政务服务中心 (province, city, district), 便民服务中心 (town or street), 便民服务站 (village or community)' },
  region: always({ code: text, nameZh: text, nameEn: text, level }),
  address: text,
  phone: { type: ['string', 'null'] },
  hours: { type: ['string', 'null'], description: 'the hall’s own note on its hours' },
  openingPeriods: { type: 'array', items: always({ from: text, to: text }) },
  latitude: { type: ['number', 'null'], description: 'WGS-84; null: not placed on the map yet' },
  longitude: { type: ['number', 'null'] },
  windows: always({ general: count, special: count, green: count }),
  items: { type: 'array', items: item, description: '四级九统: the items the catalog hands to the level of the hall’s region' },
  queue: always({ waiting: count, averageWaitMinutes: { type: ['number', 'null'] } }),
  today: always({
    workday: { type: 'boolean', description: 'a working day on the calendar of the hall’s district: its opening periods hold' },
    name: { type: ['string', 'null'], description: 'the holiday or make-up workday (调休), if any' },
  }),
});

/** 政务服务数字地图: the public map's path of /api/v1. */
export function hallMapPaths(): Paths {
  return {
    '/hall-map': {
      get: {
        summary:
          '政务服务数字地图, without signing in: the halls and 便民服务站 in use of a region and those under it — kind, address, hours, phone, place, the items each handles and today’s queue (tickets waiting, average wait of those called)',
        parameters: [
          {
            name: 'region',
            in: 'query',
            required: false,
            schema: { type: 'string' },
            description: 'a region code in use: that region and every region under it',
          },
        ],
        responses: {
          200: answer(
            'the halls',
            always({
              day: { type: 'string', format: 'date', description: 'the Shanghai day of the queue figures' },
              halls: { type: 'array', items: hall },
              regions: {
                type: 'array',
                description: 'the regions of the halls listed and those above them, parents before children (the page’s filter)',
                items: always({ code: text, nameZh: text, nameEn: text, level, parentCode: { type: ['string', 'null'] } }),
              },
            }),
          ),
          422: error('a malformed region code, or no region of that code in use'),
        },
      },
    },
  };
}
