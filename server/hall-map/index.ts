/**
 * 政务服务数字地图 (hall map), the public entry: the halls and 便民服务站 in use with their kind,
 * place, hours, the items each handles and today's queue, for the public map page (docs/hall-map.md).
 * It reads the organization, the catalog and the queue through their entries.
 */
export { hallMapRoutes } from './hall-map.controller.ts';
export { hallMapPaths } from './openapi.ts';
export { hallKind, hallMap, HALL_KINDS, type HallKind, type HallMap, type MapHall } from './hall-map.ts';
