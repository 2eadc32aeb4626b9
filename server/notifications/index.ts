/**
 * 消息通知 (notifications), the public entry: a notification to people (催办, 抄送, 退回, 超期预警,
 * 缴费, 取件码 …) in Chinese and English, recorded and pushed live; GET /notifications reads them a
 * page at a time in the caller's language (notifications.controller.ts, ./inbox.ts).
 */
export { notify } from './notify.ts';
