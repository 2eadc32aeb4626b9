import { Appointment } from './appointment.model.ts';
import { audit, ownBooking, stateConflict, type Who } from './bookings.ts';
import { attachmentsByIds, grantAttachments } from '../attachments/index.ts';
import { idNoOfAccount, accountById, type Principal } from '../auth/index.ts';
import { hallsWithin } from '../organization/index.ts';
import { AppError, notFound, validationFailed, fieldProblem } from '../errors/app-error.ts';
import { isWithinRegion } from '../../contract/regions.ts';
import { preparedRules, type PreparedBody, type PreparedMaterial } from '../../contract/requests/appointments.ts';

/**
 * 预约预填: the applicant prepares the application of a booking (the answers, the form, how each
 * material is given) until the visit; each file must be one of their own uploads (the attachments
 * module checked and stored it). The whole application is checked again when the clerk submits it.
 */
export async function savePrepared(principal: Principal, code: string, body: PreparedBody, who: Who, now = new Date()): Promise<Appointment> {
  const a = await ownBooking(principal, code);
  if (a.status !== 'booked') throw stateConflict(a, { 'zh-CN': '预填申请', en: 'prepared' });
  const problems = preparedRules(body);
  const files = body.materials.flatMap((m) => (m.way === 'file' ? [m.attachmentId] : []));
  const uploads = await attachmentsByIds(files);
  body.materials.forEach((m, i) => {
    if (m.way === 'file' && uploads.get(m.attachmentId)?.uploadedBy !== principal.id)
      problems.push(fieldProblem(`materials.${i}.attachmentId`, '申请材料：附件不存在或不是由您上传的', 'Materials: no such file among your uploads'));
  });
  if (problems.length) throw validationFailed(problems);
  const materials: PreparedMaterial[] = body.materials.map((m) =>
    m.way === 'file'
      ? { code: m.code, way: 'file', attachmentId: m.attachmentId, originalName: uploads.get(m.attachmentId)!.originalName }
      : m.way === 'license'
        ? { code: m.code, way: 'license', number: m.number, name: m.name }
        : { code: m.code, way: m.way },
  );
  const [changed] = await Appointment.update(
    { prepared: { answers: body.answers, form: body.form, materials }, preparedAt: now, updatedAt: now },
    { where: { id: a.id, status: 'booked' } },
  );
  if (!changed) throw stateConflict((await Appointment.findByPk(a.id))!, { 'zh-CN': '预填申请', en: 'prepared' });
  await a.reload();
  await audit('appointment.prepared', a, who, { materials: materials.length, fields: Object.keys(body.form).length });
  return a;
}

/**
 * What the window intake opens with for a booking's ticket: the target, the applicant as their
 * account knows them, the prepared answers, form and materials (each file with its upload's
 * facts). For a clerk of the booking's hall (within their region), once it is checked in.
 */
export async function intakeOf(principal: Principal, by: { code: string } | { ticketId: number }) {
  const a = await Appointment.findOne({ where: 'code' in by ? { code: by.code } : { ticketId: by.ticketId } });
  if (!a) throw notFound('appointment_not_found');
  const hall = (await hallsWithin()).find((h) => h.id === a.hallId);
  if (principal.regionCode && hall && !isWithinRegion(hall.regionCode, principal.regionCode))
    throw new AppError(403, 'forbidden', [], {
      'zh-CN': `预约 ${a.code} 是${hall.nameZh}的预约，不在您所属区划`,
      en: `Booking ${a.code} is for ${hall.nameEn}, outside your region`,
    });
  if (a.status !== 'checked_in') throw stateConflict(a, { 'zh-CN': '在窗口受理（请先签到取号）', en: 'taken at the window (check it in first)' });
  const account = await accountById(a.userId);
  const prepared = a.prepared;
  const files = (prepared?.materials ?? []).flatMap((m) => (m.way === 'file' ? [m.attachmentId] : []));
  const uploads = await attachmentsByIds(files);
  // the clerk who opens the checked-in booking may put its files into the applicant's case (server/cases/material-check.ts)
  await grantAttachments([...uploads.keys()], principal.id, `appointment:${a.code}`);
  return {
    code: a.code,
    ticketNumber: a.ticketNumber,
    target: { kind: a.targetKind, code: a.targetCode },
    priority: a.priority,
    applicant: { name: a.personName, idType: 'resident_id' as const, idNo: (await idNoOfAccount(a.userId)) ?? '', phone: a.phone ?? account?.phone ?? '' },
    prepared: Boolean(prepared),
    preparedAt: a.preparedAt,
    answers: prepared?.answers ?? {},
    form: prepared?.form ?? {},
    materials: (prepared?.materials ?? []).flatMap((m): (PreparedMaterial & { attachment?: object })[] => {
      if (m.way !== 'file') return [m];
      const u = uploads.get(m.attachmentId);
      return u
        ? [
            {
              ...m,
              attachment: {
                id: u.id,
                originalName: u.originalName,
                mimeType: u.mimeType,
                sizeBytes: u.sizeBytes,
                sha256: u.sha256,
                sm3: u.sm3,
                createdAt: u.createdAt,
              },
            },
          ]
        : [];
    }),
  };
}
