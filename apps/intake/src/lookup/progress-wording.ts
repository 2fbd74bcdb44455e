import { type DossierStatus, STEP_DESCRIPTIONS } from '@onestop/domain';

/**
 * The public lookup's words for a dossier's status. Each progress step is told by libs/domain's
 * `describeStep`, from the step's action and status, never from the text stored with it.
 */

/** The standard description of a dossier's status: the step's words, and for a late dossier that it is late and, after an apology (form 04), the new date. */
export function describeStatus(status: DossierStatus, overdue: boolean, newAppointmentAt: string | null): string {
  if (!overdue) return STEP_DESCRIPTIONS[status];
  if (newAppointmentAt) return `Hồ sơ giải quyết quá hạn, đã xin lỗi và hẹn lại ngày trả kết quả: ${dayAndTime(newAppointmentAt)}`;
  return `${STEP_DESCRIPTIONS[status]} (quá hạn giải quyết)`;
}

/** `03/04/2026 16:00` from a local RFC 3339 time (`2026-04-03T16:00:00+07:00`). */
function dayAndTime(local: string): string {
  const [date, time] = local.split('T');
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year} ${time.slice(0, 5)}`;
}
