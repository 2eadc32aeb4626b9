import { Op } from 'sequelize';
import { Appointment } from './appointment.model.ts';
import { shanghaiTime } from '../calendar/index.ts';
import { conflict, type AppError } from '../errors/app-error.ts';
import type { AppointmentSettings } from '../config/schema.ts';

const DAY_MS = 86_400_000;

/**
 * 爽约: `noShowLimit` no-shows within `noShowWindowDays` refuse booking for `bookingBanDays` after
 * the last of them (a no-show counts from its slot's end). Answers the 409 saying until when, or null.
 */
export async function noShowBan(userId: number, settings: AppointmentSettings, now: Date): Promise<AppError | null> {
  if (!settings.bookingBanDays) return null;
  const since = new Date(now.getTime() - (settings.noShowWindowDays + settings.bookingBanDays) * DAY_MS);
  const misses = await Appointment.findAll({
    where: { userId, status: 'no_show', endsAt: { [Op.gte]: since } },
    attributes: ['endsAt'],
    order: [['endsAt', 'DESC']],
  });
  // the latest run of `limit` no-shows within the window that still bars booking
  for (let i = 0; i + settings.noShowLimit - 1 < misses.length; i++) {
    const last = misses[i]!.endsAt;
    const first = misses[i + settings.noShowLimit - 1]!.endsAt;
    if (last.getTime() - first.getTime() > settings.noShowWindowDays * DAY_MS) continue;
    const until = new Date(last.getTime() + settings.bookingBanDays * DAY_MS);
    if (until <= now) return null;
    return conflict('booking_banned', {
      'zh-CN': `您在 ${settings.noShowWindowDays} 天内有 ${settings.noShowLimit} 次预约未按时签到（爽约），${shanghaiTime(until)} 前暂不能在线预约；可到大厅现场取号办理`,
      en: `You missed ${settings.noShowLimit} bookings within ${settings.noShowWindowDays} days (no-shows): booking online is refused until ${shanghaiTime(until)} (Beijing time). You may still take a ticket at the hall`,
    });
  }
  return null;
}
