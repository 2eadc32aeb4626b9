/**
 * 消息通知 (notifications), the public entry: a notification to people (催办, 抄送, 退回, 超期预警,
 * 缴费, 取件码 …), recorded and pushed live; GET /notifications reads them (notifications.controller.ts).
 */
export { notify } from './notify.ts';
