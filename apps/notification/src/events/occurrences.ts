import {
  type ApplicantMessageKind,
  type CaseLatenessMarkedV1,
  type ComplaintAnsweredV1,
  type DossierReceivedV1,
  type DossierStatusChangedV2,
  type FeePaidV1,
  type OfficerNoticeKind,
  type PaymentRequestedV1,
  type ProgressAction,
  type ResultReadyV1,
  type ShipmentStatusChangedV1,
  splitLocal,
  type SupplementReceivedV1,
} from '@onestop/domain';

export type Values = Record<string, string | null>;

/**
 * What an event tells someone, before the contact details are read: the kind, whose dossier
 * (or complaint), and the placeholders it fills. Pure, so each event's mapping is tested alone.
 */
export type Occurrence =
  | { audience: 'applicant'; kind: ApplicantMessageKind; dossierCode: string; values: Values; expiresAt?: string | null; result?: Pick<ResultReadyV1, 'deliveryMethod' | 'resultKind'> }
  | { audience: 'complainant'; kind: 'complaint_answered'; complaintId: string; values: Values }
  /** `assignee`: the officer the case is assigned to; `unit`: the officers of the unit who do its step; `holder`: the assignee, else the unit. */
  | { audience: 'officers'; kind: OfficerNoticeKind; dossierCode: string; to: 'assignee' | 'unit' | 'holder'; values: Values };

/** `10:00 16/03/2026`, Vietnam's time, as messages write a time. */
export function messageTime(iso: string): string {
  const { day, minute } = splitLocal(new Date(iso));
  const date = new Date(day * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minute / 60))}:${pad(Math.floor(minute % 60))} ${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

/** Whole VND as Vietnamese write it: `135.000`. */
export function vnd(amount: number): string {
  return String(Math.trunc(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function dossierReceived(p: DossierReceivedV1): Occurrence[] {
  return [{ audience: 'applicant', kind: 'dossier_received', dossierCode: p.dossierCode, values: { appointmentAt: messageTime(p.appointmentAt) } }];
}

/** Steps after which the case waits at a new unit or with new officers (the officers of its next step). */
const ARRIVALS: readonly ProgressAction[] = ['register', 'forward', 'appraise', 'approve'];

export function dossierStatusChanged(p: DossierStatusChangedV2): Occurrence[] {
  const code = p.dossierCode;
  const reason = p.step.note ?? p.content;
  const officerValues = { content: p.content, unitName: p.step.unit.name ?? p.step.unit.code };
  switch (p.step.action) {
    case 'request_supplement':
      return [{ audience: 'applicant', kind: 'supplement_requested', dossierCode: code, values: { missingItems: (p.supplementRequest?.items ?? []).map((i) => i.name).join('; ') || p.content } }];
    case 'apologise':
      return [{ audience: 'applicant', kind: 'apology_issued', dossierCode: code, values: { newAppointmentAt: messageTime(p.apology?.newAppointmentAt ?? p.appointmentAt) } }];
    case 'refuse':
      return [{ audience: 'applicant', kind: 'dossier_refused', dossierCode: code, values: { reason } }];
    case 'stop':
      return [{ audience: 'applicant', kind: 'dossier_stopped', dossierCode: code, values: { reason } }];
    case 'assign':
      return [{ audience: 'officers', kind: 'case_assigned', dossierCode: code, to: 'assignee', values: officerValues }];
    default:
      if (p.step.action && ARRIVALS.includes(p.step.action)) return [{ audience: 'officers', kind: 'case_arrived', dossierCode: code, to: 'unit', values: officerValues }];
      return [];
  }
}

export function supplementReceived(p: SupplementReceivedV1): Occurrence[] {
  const complete = p.complete !== false;
  return [{ audience: 'officers', kind: 'supplement_received', dossierCode: p.dossierCode, to: 'holder', values: { complete: complete ? 'đã bổ sung đủ' : 'đã bổ sung một phần (còn thiếu)' } }];
}

/**
 * A result by post is told when the post takes it (with its tracking number), not when it is
 * ready; an electronic one comes with the link the applicant downloads it from (filled in with
 * the lookup code, which intake gives).
 */
export function resultReady(p: ResultReadyV1): Occurrence[] {
  if (p.deliveryMethod === 'post') return [];
  return [{ audience: 'applicant', kind: 'result_ready', dossierCode: p.dossierCode, values: { documentNumber: p.documentNumber, downloadLink: null }, result: { deliveryMethod: p.deliveryMethod, resultKind: p.resultKind } }];
}

export function shipmentStatusChanged(p: ShipmentStatusChangedV1): Occurrence[] {
  if (p.kind !== 'result_delivery' || !p.dossierCode || !p.trackingNumber) return [];
  if (p.status === 'registered' && p.previousStatus === 'awaiting_carrier') {
    return [{ audience: 'applicant', kind: 'result_sent_by_post', dossierCode: p.dossierCode, values: { trackingNumber: p.trackingNumber } }];
  }
  if (p.status === 'delivered') return [{ audience: 'applicant', kind: 'result_delivered', dossierCode: p.dossierCode, values: { trackingNumber: p.trackingNumber } }];
  return [];
}

export function complaintAnswered(p: ComplaintAnsweredV1): Occurrence[] {
  return [{ audience: 'complainant', kind: 'complaint_answered', complaintId: p.complaintId, values: { dossierCode: p.dossierCode ?? '' } }];
}

export function paymentRequested(p: PaymentRequestedV1): Occurrence[] {
  const ways = [p.howToPay.online ? 'trực tuyến qua Cổng thanh toán trên Cổng dịch vụ công' : null, p.howToPay.counter ? 'tại quầy của cơ quan tiếp nhận' : null].filter(Boolean).join(' hoặc ');
  return [
    {
      audience: 'applicant',
      kind: 'payment_requested',
      dossierCode: p.dossierCode,
      values: { amount: vnd(p.amountVnd), howToPay: ways || 'tại cơ quan tiếp nhận', expiresAt: p.expiresAt ? messageTime(p.expiresAt) : 'không giới hạn' },
      expiresAt: p.expiresAt,
    },
  ];
}

export function feePaid(p: FeePaidV1): Occurrence[] {
  if (p.duplicate) return [];
  return [{ audience: 'officers', kind: 'payment_received', dossierCode: p.dossierCode, to: 'holder', values: { amount: vnd(p.amountVnd) } }];
}

/** Sắp đến hạn, quá hạn, quá hạn ở bước: told to whoever holds the case (its assignee, else its unit's officers). */
const LATENESS_NOTICES = { at_risk: 'case_at_risk', overdue: 'case_overdue', step_overdue: 'case_step_overdue' } as const;

export function caseLatenessMarked(p: CaseLatenessMarkedV1): Occurrence[] {
  return [{ audience: 'officers', kind: LATENESS_NOTICES[p.mark], dossierCode: p.dossierCode, to: 'holder', values: { dueAt: messageTime(p.dueAt) } }];
}
