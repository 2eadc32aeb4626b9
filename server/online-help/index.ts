/**
 * 线上帮办 (online help), the public entry: an applicant asks for help on an online application, a
 * helper of the centre (a clerk of the 政务服务中心) joins, they talk live (socket.io), the helper
 * sees the applicant's form and, with the applicant's consent, fills fields; closing, rating, and the
 * figures (帮办代办 响应率、解决率、满意度). docs/online-help.md.
 */
export { onlineHelpRoutes } from './online-help.controller.ts';
export { onlineHelpPaths } from './openapi.ts';
/** 帮办代办 响应率、解决率、满意度 of a centre over a period: for the supervision's indicators. */
export { onlineHelpFigures, type OnlineHelpFigures } from './figures.ts';
