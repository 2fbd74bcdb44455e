import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, type Channel, DOCUMENT_FORMS, DOSSIER_STATUSES, type DossierStatus, formatLocal, RESULT_DELIVERY_METHODS } from '@onestop/domain';
import { ApplicantDto, PostalAddressDto } from './dossier.dto.js';
import type { Dossier, StoredApology, StoredSupplementRequest } from './dossier.entity.js';
import { isOverdue } from './lateness.js';

export class DossierProcedureView {
  @ApiProperty({ example: '1.004005' })
  code: string;

  @ApiProperty({ example: 1, description: 'The version in force at receipt, by which the dossier is judged.' })
  versionNo: number;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  name: string;
}

export class DossierAgencyView {
  @ApiProperty({ example: '000.00.01.H56' })
  code: string;

  @ApiProperty({ example: 'Trung tâm Phục vụ hành chính công tỉnh Hà Nam' })
  name: string;
}

export class ReceivedDocumentView {
  @ApiProperty({ example: 1 })
  requirement: number;

  @ApiProperty({ example: 'Đơn đề nghị cấp giấy phép lái xe' })
  name: string;

  @ApiProperty({ example: 1 })
  quantity: number;

  @ApiProperty({ enum: DOCUMENT_FORMS, example: 'original', description: 'The form provided.' })
  form: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'When it came with a supplement (answering a request, form 02); null for the documents received at reception.' })
  supplementedAt: string | null;

  @ApiProperty({ type: [String], example: [], description: 'Uploaded files (`/dossiers/{code}/documents/{id}`) the supplement named for it.' })
  fileIds: string[];
}

/** The apology and new appointment (form 04). */
export class DossierApologyView {
  @ApiProperty({ example: '2026-03-27T15:00:00+07:00' })
  issuedAt: string;

  @ApiProperty({ example: '2026-04-03T16:00:00+07:00', description: 'The new appointment; the dossier is still counted late against its `dueAt`.' })
  newAppointmentAt: string;
}

/** One item of a supplement request (form 02), and whether it came. */
export class DossierSupplementItemView {
  @ApiProperty({ example: 1, description: 'Its number on the request; an answer names it as `item`.' })
  item: number;

  @ApiProperty({ type: Number, nullable: true, example: 3, description: 'The document of the procedure\'s list (as in `documents`); null for an extra item asked in words.' })
  requirement: number | null;

  @ApiProperty({ example: 'Giấy khám sức khỏe' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'Bản chính, còn hiệu lực' })
  note: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-19T10:00:00+07:00', description: 'When an answer supplied it; null while it is missing.' })
  suppliedAt: string | null;

  @ApiProperty({ type: [String], example: ['3f1c2a9e-8b7d-4c55-9e0a-2b6f1d4c8a71'], description: 'Uploaded files the answers named for it.' })
  fileIds: string[];
}

/** A supplement request as the applicant answers it: what is asked, what came, what is still missing. */
export class DossierSupplementRequestView {
  @ApiProperty({ example: '2026-03-17T10:00:00+07:00' })
  requestedAt: string;

  @ApiProperty({ type: [DossierSupplementItemView], description: 'The items asked for, numbered as on form 02.' })
  items: DossierSupplementItemView[];

  @ApiProperty({ type: String, nullable: true, example: 'Bổ sung trong 10 ngày làm việc' })
  note: string | null;

  @ApiProperty({ type: [Number], example: [2], description: 'Numbers of the items still missing: while any is, the dossier stays `supplement_requested` and the clock stopped.' })
  outstanding: number[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'When an answer completed the request (processing resumed); null while items are missing.' })
  completedAt: string | null;
}

export class ResultDeliveryView {
  @ApiProperty({ enum: RESULT_DELIVERY_METHODS, example: 'post' })
  method: string;

  @ApiPropertyOptional({ type: PostalAddressDto })
  address?: PostalAddressDto;

  @ApiPropertyOptional({ example: 'Nguyễn Văn An' })
  receiverName?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  receiverPhone?: string;
}

export class DossierRatingView {
  @ApiProperty({ example: 5 })
  score: number;

  @ApiProperty({ type: String, nullable: true, example: 'Cán bộ hướng dẫn tận tình' })
  comment: string | null;

  @ApiProperty({ example: '2026-03-31T10:00:00+07:00' })
  ratedAt: string;
}

/** The answer to a rating: no personal data, since the lookup code alone allows it. */
export class DossierRatingResult {
  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  code: string;

  @ApiProperty({ type: DossierRatingView })
  rating: DossierRatingView;
}

/** A dossier as its applicant and the officers handling it see it. */
export class DossierView {
  @ApiProperty({ example: '000.00.01.H56-260316-0001', description: 'Dossier code: agency, receipt date (yyMMdd), daily sequence.' })
  code: string;

  @ApiProperty({ example: 'Q7MK3XHP9T2D', description: 'Lookup code printed on the receipt; with the dossier code it opens the public lookup.' })
  lookupSecret: string;

  @ApiProperty({ type: DossierProcedureView })
  procedure: DossierProcedureView;

  @ApiProperty({ type: DossierAgencyView, description: 'The receiving agency.' })
  agency: DossierAgencyView;

  @ApiProperty({ example: '000.00.02.H56', description: 'The competent agency that decides.' })
  competentAgencyCode: string;

  @ApiProperty({ enum: CHANNELS, example: 'counter' })
  channel: Channel;

  @ApiProperty({ enum: [1, 2, 3], example: 1, description: 'National portal channel code: 1 counter, 2 online, 3 post.' })
  nationalChannelCode: number;

  @ApiProperty({ type: ApplicantDto })
  applicant: ApplicantDto;

  @ApiProperty({ type: [ReceivedDocumentView] })
  documents: ReceivedDocumentView[];

  @ApiProperty({ type: ResultDeliveryView })
  resultDelivery: ResultDeliveryView;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  receivedAt: string;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00', description: 'When the statutory clock started (the next working session for a receipt out of hours).' })
  countingFrom: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'Appointment date (ngày hẹn trả); moved out by supplements, reset once by an apology.' })
  appointmentAt: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'The legal due date (hạn giải quyết): the statutory time from receipt, moved out only by the time waited for the applicant\'s supplements, never by an apology. Lateness is counted against it; `appointmentAt` differs from it once an apology set a new date.' })
  dueAt: string;

  @ApiProperty({ example: false, description: 'Late: past `dueAt` without a result (while the clock stands for a supplement, judged as when it stopped); an apology\'s new appointment does not change it. The same lateness as the case\'s `lateness: overdue`, the worklist\'s and report 06a\'s.' })
  overdue: boolean;

  @ApiProperty({ type: DossierApologyView, nullable: true, description: 'The apology and new appointment (form 04), once issued.' })
  apology: DossierApologyView | null;

  @ApiProperty({ type: [DossierSupplementRequestView], description: 'Every supplement request (form 02), oldest first: the items asked, which came and when, what is still missing.' })
  supplementRequests: DossierSupplementRequestView[];

  @ApiProperty({ example: 4800, description: 'Statutory processing time in working minutes (480 a day).' })
  processingMinutes: number;

  @ApiProperty({ enum: DOSSIER_STATUSES, example: 'accepted' })
  status: DossierStatus;

  @ApiProperty({ example: 2, description: 'National portal status code 1-10.' })
  nationalStatusCode: number;

  @ApiProperty({ example: false, description: 'Handled "4 tại chỗ": eligible and received at the counter.' })
  onTheSpot: boolean;

  @ApiProperty({ example: false })
  feesPaidOnline: boolean;

  @ApiProperty({ type: DossierRatingView, nullable: true })
  rating: DossierRatingView | null;
}

/** A dossier in officers' lists. */
export class DossierSummary {
  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  code: string;

  @ApiProperty({ example: '1.004005' })
  procedureCode: string;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  procedureName: string;

  @ApiProperty({ example: '000.00.01.H56' })
  agencyCode: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  applicantName: string;

  @ApiProperty({ enum: CHANNELS, example: 'online' })
  channel: Channel;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  receivedAt: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'The appointment told to the applicant (an apology may have set a new one).' })
  appointmentAt: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'The legal due date lateness is counted against (moved out only by supplement waits).' })
  dueAt: string;

  @ApiProperty({ enum: DOSSIER_STATUSES, example: 'processing' })
  status: DossierStatus;

  @ApiProperty({ example: 4 })
  nationalStatusCode: number;

  @ApiProperty({ example: false, description: 'Late: past `dueAt` without a result, whatever new appointment an apology set (as the dossier view, the case and the worklist say).' })
  overdue: boolean;
}

/** One step of a dossier's progress. */
export class ProgressEntryView {
  @ApiProperty({ enum: DOSSIER_STATUSES, example: 'processing' })
  status: DossierStatus;

  @ApiProperty({ example: 4 })
  nationalStatusCode: number;

  @ApiProperty({ example: '2026-03-17T08:00:00+07:00' })
  at: string;

  @ApiProperty({ type: String, nullable: true, example: 'Sở Tư pháp' })
  unitName: string | null;

  @ApiProperty({ example: 'Chuyển thẩm định' })
  content: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'The appointment date after this step.' })
  appointmentAt: string;
}

/** Progress with the officers' names, for the applicant and the officers. */
export class DossierProgressEntryView extends ProgressEntryView {
  @ApiProperty({ type: String, nullable: true, example: '000.00.02.H56' })
  unitCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Trần Thị Bình' })
  officerName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Chuyên viên' })
  officerTitle: string | null;
}

/**
 * One step of a dossier's progress as the public lookup shows it: the unit, never an officer's
 * name or title, and the step in standard words, never the text stored with it (reasons,
 * notes), which may hold personal data.
 */
export class LookupProgressEntryView {
  @ApiProperty({ enum: DOSSIER_STATUSES, example: 'processing' })
  status: DossierStatus;

  @ApiProperty({ example: 4, description: 'The national portal\'s status code (1-10).' })
  nationalStatusCode: number;

  @ApiProperty({ example: '2026-03-17T08:00:00+07:00' })
  at: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.02.H56', description: 'The unit (agency code) at this step.' })
  unitCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sở Tư pháp', description: 'The unit\'s name, when known.' })
  unitName: string | null;

  @ApiProperty({
    example: 'Đã thẩm định, chuyển phê duyệt',
    description:
      'The step in standard words, from a fixed list by status and action (e.g. `Đã tiếp nhận hồ sơ`, `Đang giải quyết`, `Yêu cầu bổ sung hồ sơ`, `Công dân rút hồ sơ`, `Đã trả kết quả`): never the reasons, notes or other text typed by the applicant or the officers.',
  })
  content: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'The appointment date after this step.' })
  appointmentAt: string;
}

/** One status of a shipment, as the public lookup shows it. */
export class LookupTrackingEntryView {
  @ApiProperty({ example: 'in_transit', description: 'Shipment status: registered, collected, in_transit, failed_delivery, returning, delivered, returned_to_sender, cancelled.' })
  status: string;

  @ApiProperty({ example: '2026-03-21T08:30:00+07:00', description: 'When the carrier recorded it.' })
  at: string;

  @ApiProperty({ type: String, nullable: true, example: 'Bưu cục Phủ Lý', description: 'Where, when the carrier says (a post office, not an address).' })
  location: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'receiver_absent', description: 'Why a delivery attempt failed, as a code.' })
  reasonCode: string | null;
}

/** A shipment of the dossier (the dossier carried by post, or the result delivered by post), without anyone's name, address or phone. */
export class LookupShipmentView {
  @ApiProperty({ enum: ['dossier_pickup', 'result_delivery'], example: 'result_delivery' })
  kind: string;

  @ApiProperty({ example: 'vnpost' })
  carrier: string;

  @ApiProperty({ type: String, nullable: true, example: 'EB123456789VN', description: 'Null while the carrier has not accepted the order.' })
  trackingNumber: string | null;

  @ApiProperty({ example: 'in_transit' })
  status: string;

  @ApiProperty({ example: '2026-03-21T08:30:00+07:00' })
  statusAt: string;

  @ApiProperty({ example: 0, description: 'Failed delivery attempts so far.' })
  failedAttempts: number;

  @ApiProperty({ type: [LookupTrackingEntryView], description: 'Oldest first.' })
  tracking: LookupTrackingEntryView[];
}

/** What anyone holding the dossier code and lookup code sees: no personal data. */
export class LookupView {
  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  code: string;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  procedureName: string;

  @ApiProperty({ example: 'Trung tâm Phục vụ hành chính công tỉnh Hà Nam' })
  agencyName: string;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  receivedAt: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'The appointment (ngày hẹn trả) in force: after an apology, its new date.' })
  appointmentAt: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'The legal due date lateness is counted against: the original appointment, moved out only by supplement waits.' })
  dueAt: string;

  @ApiProperty({ example: false, description: 'The dossier is late: past `dueAt` without a result (an apology with a new appointment does not change that).' })
  overdue: boolean;

  @ApiProperty({ type: DossierApologyView, nullable: true, description: 'The apology for the delay and its new appointment (form 04), once issued.' })
  apology: DossierApologyView | null;

  @ApiProperty({ enum: DOSSIER_STATUSES, example: 'processing' })
  status: DossierStatus;

  @ApiProperty({ example: 4 })
  nationalStatusCode: number;

  @ApiProperty({
    example: 'Đang giải quyết',
    description: 'The status in standard words (as the progress steps, e.g. `Đang giải quyết`); for a late dossier with an apology, `Hồ sơ giải quyết quá hạn, đã xin lỗi và hẹn lại ngày trả kết quả: 03/04/2026 16:00`; for a late one without, the status\'s words and `(quá hạn giải quyết)`.',
  })
  statusText: string;

  @ApiProperty({ enum: RESULT_DELIVERY_METHODS, example: 'post' })
  resultDelivery: string;

  @ApiProperty({
    type: [LookupProgressEntryView],
    description: 'Oldest first: status, national status code, time, unit and the step in standard words; no officers\' names or titles, no reasons or notes.',
  })
  progress: LookupProgressEntryView[];

  @ApiProperty({
    type: [LookupShipmentView],
    nullable: true,
    description: 'Post shipments of the dossier (pickup, result delivery) with their tracking; empty when nothing goes by post; null when the tracking cannot be read right now.',
  })
  shipments: LookupShipmentView[] | null;
}

/** The documents as the dossier holds them: reception's, then those supplements brought. */
function documentViews(dossier: Dossier): ReceivedDocumentView[] {
  return dossier.documents.map((d) => ({
    requirement: d.requirement,
    name: d.name,
    quantity: d.quantity,
    form: d.form ?? d.requiredForm,
    supplementedAt: d.supplementedAt ? formatLocal(new Date(d.supplementedAt)) : null,
    fileIds: d.fileIds ?? [],
  }));
}

export function supplementRequestViews(requests: readonly StoredSupplementRequest[] | undefined): DossierSupplementRequestView[] {
  return (requests ?? []).map((r) => {
    const items = r.items.map((i) => {
      const supplied = r.answers.flatMap((a) => a.items.filter((s) => s.item === i.item).map((s) => ({ at: a.receivedAt, fileIds: s.fileIds })));
      return {
        item: i.item,
        requirement: i.requirement,
        name: i.name,
        note: i.note,
        suppliedAt: supplied.length > 0 ? formatLocal(new Date(supplied[0].at)) : null,
        fileIds: [...new Set(supplied.flatMap((s) => s.fileIds))],
      };
    });
    return {
      requestedAt: formatLocal(new Date(r.requestedAt)),
      items,
      note: r.note,
      outstanding: r.completedAt ? [] : items.filter((i) => i.suppliedAt === null).map((i) => i.item),
      completedAt: r.completedAt ? formatLocal(new Date(r.completedAt)) : null,
    };
  });
}

export function apologyView(apology: StoredApology | null | undefined): DossierApologyView | null {
  return apology ? { issuedAt: formatLocal(new Date(apology.issuedAt)), newAppointmentAt: formatLocal(new Date(apology.newAppointmentAt)) } : null;
}

/**
 * The dossier for its applicant and officers; lateness judged at `now` (by default at the
 * receipt, for a dossier just received).
 */
export function toDossierView(dossier: Dossier, now: Date = dossier.receivedAt): DossierView {
  return {
    code: dossier.code,
    lookupSecret: dossier.lookupSecret,
    procedure: { code: dossier.procedureCode, versionNo: dossier.procedureVersionNo, name: dossier.procedureName },
    agency: { code: dossier.receivingAgencyCode, name: dossier.receivingAgencyName },
    competentAgencyCode: dossier.competentAgencyCode,
    channel: dossier.channel,
    nationalChannelCode: { counter: 1, online: 2, post: 3 }[dossier.channel],
    applicant: dossier.applicant,
    documents: documentViews(dossier),
    resultDelivery: dossier.resultDelivery,
    receivedAt: formatLocal(dossier.receivedAt),
    countingFrom: formatLocal(dossier.countingFrom),
    appointmentAt: formatLocal(dossier.appointmentAt),
    dueAt: formatLocal(dossier.dueAt),
    overdue: isOverdue({ status: dossier.status, dueAt: dossier.dueAt, clockStoppedAt: dossier.clockStoppedAt ?? null }, now),
    apology: apologyView(dossier.apology),
    supplementRequests: supplementRequestViews(dossier.supplementRequests),
    processingMinutes: dossier.processingMinutes,
    status: dossier.status,
    nationalStatusCode: dossier.nationalStatus,
    onTheSpot: dossier.onTheSpot,
    feesPaidOnline: dossier.feesPaidOnline,
    rating: dossier.ratingScore === null ? null : { score: dossier.ratingScore, comment: dossier.ratingComment, ratedAt: formatLocal(dossier.ratedAt!) },
  };
}
