import { Op } from 'sequelize';
import { Appointment } from './appointment.model.ts';
import { audit } from './bookings.ts';
import { bookingTarget } from './slots.ts';
import { tellPerson } from './tell.ts';
import { hallsWithin } from '../organization/index.ts';
import { repeatEvery } from '../scheduling/repeat.ts';
import type { AppContext } from '../context.ts';

/**
 * 爽约: a booking not checked in by its slot's end and the grace (APPOINTMENT_NO_SHOW_GRACE_MINUTES)
 * becomes a no-show, audited and told to the person. Safe on two nodes at once: each booking moves
 * with one conditional UPDATE (status still booked). Answers how many it marked.
 */
export async function markNoShows(ctx: Pick<AppContext, 'config'>, now = new Date()): Promise<number> {
  const { noShowGraceMinutes } = ctx.config.appointments;
  const due = await Appointment.findAll({
    where: { status: 'booked', endsAt: { [Op.lt]: new Date(now.getTime() - noShowGraceMinutes * 60_000) } },
    order: [['endsAt', 'ASC']],
    limit: 200,
  });
  if (!due.length) return 0;
  const halls = new Map((await hallsWithin()).map((h) => [h.id, h]));
  let marked = 0;
  for (const a of due) {
    const target = await bookingTarget(a.targetCode).catch(() => ({ name: { 'zh-CN': a.targetCode, en: a.targetCode } }));
    await Appointment.sequelize!.transaction(async (transaction) => {
      const [changed] = await Appointment.update(
        { status: 'no_show', liveKey: null, noShowAt: now, updatedAt: now },
        { where: { id: a.id, status: 'booked' }, transaction },
      );
      if (!changed) return;
      marked++;
      await a.reload({ transaction });
      await audit('appointment.no_show', a, { actor: null }, { day: a.day, slot: a.slot, graceMinutes: noShowGraceMinutes }, transaction);
      const hall = halls.get(a.hallId);
      if (hall) await tellPerson(a, hall, target.name, 'no_show', transaction);
    });
  }
  return marked;
}

/** The no-show sweep every APPOINTMENT_SWEEP_INTERVAL_MS (0: never), on one node at a time (the lease `appointment no-shows`). */
export function watchNoShows(ctx: AppContext): () => Promise<void> {
  return repeatEvery(ctx.config.appointments.sweepIntervalMs, 'appointment no-shows', ctx, () => markNoShows(ctx));
}
