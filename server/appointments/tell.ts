import type { Transaction } from 'sequelize';
import type { Appointment } from './appointment.model.ts';
import { notify } from '../notifications/index.ts';
import type { HallRecord } from '../organization/index.ts';
import type { Localized } from '../i18n/locale.ts';

export type Happening = 'booked' | 'rescheduled' | 'cancelled' | 'no_show';

/** 消息通知 to the person who booked, in both languages: what happened to which booking, where and when. */
export async function tellPerson(
  a: Appointment,
  hall: Pick<HallRecord, 'nameZh' | 'nameEn' | 'address'>,
  target: Localized,
  what: Happening,
  transaction?: Transaction,
  earlyMinutes = 30,
) {
  const when = `${a.day} ${a.slot}`;
  const texts: Record<Happening, Localized> = {
    booked: {
      'zh-CN': `预约成功：${when} 到${hall.nameZh}（${hall.address}）办理「${target['zh-CN']}」，预约码 ${a.code}。请在时段开始前 ${earlyMinutes} 分钟内到大厅签到取号。`,
      en: `Booked: ${hall.nameEn} (${hall.address}) on ${when} for "${target.en}", code ${a.code}. Check in at the hall within ${earlyMinutes} minutes before your slot.`,
    },
    rescheduled: {
      'zh-CN': `预约已改期：「${target['zh-CN']}」改为 ${when}，${hall.nameZh}，预约码 ${a.code} 不变。`,
      en: `Booking moved: "${target.en}" is now on ${when} at ${hall.nameEn}; the code ${a.code} stays.`,
    },
    cancelled: {
      'zh-CN': `预约已取消：${when} ${hall.nameZh}「${target['zh-CN']}」（预约码 ${a.code}）。`,
      en: `Booking cancelled: ${when} at ${hall.nameEn}, "${target.en}" (code ${a.code}).`,
    },
    no_show: {
      'zh-CN': `预约未到：${when} ${hall.nameZh}「${target['zh-CN']}」（预约码 ${a.code}）未按时签到，已记为爽约。多次爽约将暂停在线预约。`,
      en: `Missed booking: ${when} at ${hall.nameEn}, "${target.en}" (code ${a.code}) was not checked in and counts as a no-show. Several no-shows suspend online booking.`,
    },
  };
  await notify([a.userId], `appointment_${what}`, texts[what], null, null, transaction);
}
