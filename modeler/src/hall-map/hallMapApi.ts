import { get } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

/** GET /hall-map: the halls and 便民服务站 in use, as anyone may read them (names in both languages). */
export type HallMap = Answer<'/hall-map', 'get'>;
export type MapHall = HallMap['halls'][number];
export type HallKind = MapHall['kind'];

export const hallMap = () => get<HallMap>('/hall-map');
