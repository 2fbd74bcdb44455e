import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, type Channel, DOCUMENT_FORMS, DOSSIER_STATUSES, type DossierStatus, formatLocal, RESULT_DELIVERY_METHODS } from '@onestop/domain';
import { ApplicantDto, PostalAddressDto } from './dossier.dto.js';
import type { Dossier } from './dossier.entity.js';

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

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00' })
  appointmentAt: string;

  @ApiProperty({ enum: DOSSIER_STATUSES, example: 'processing' })
  status: DossierStatus;

  @ApiProperty({ example: 4 })
  nationalStatusCode: number;

  @ApiProperty({ example: false, description: 'Past the appointment date without a result.' })
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

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00' })
  appointmentAt: string;

  @ApiProperty({ enum: DOSSIER_STATUSES, example: 'processing' })
  status: DossierStatus;

  @ApiProperty({ example: 4 })
  nationalStatusCode: number;

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

export function toDossierView(dossier: Dossier): DossierView {
  return {
    code: dossier.code,
    lookupSecret: dossier.lookupSecret,
    procedure: { code: dossier.procedureCode, versionNo: dossier.procedureVersionNo, name: dossier.procedureName },
    agency: { code: dossier.receivingAgencyCode, name: dossier.receivingAgencyName },
    competentAgencyCode: dossier.competentAgencyCode,
    channel: dossier.channel,
    nationalChannelCode: { counter: 1, online: 2, post: 3 }[dossier.channel],
    applicant: dossier.applicant,
    documents: dossier.documents.map((d) => ({ requirement: d.requirement, name: d.name, quantity: d.quantity, form: d.form ?? d.requiredForm })),
    resultDelivery: dossier.resultDelivery,
    receivedAt: formatLocal(dossier.receivedAt),
    countingFrom: formatLocal(dossier.countingFrom),
    appointmentAt: formatLocal(dossier.appointmentAt),
    processingMinutes: dossier.processingMinutes,
    status: dossier.status,
    nationalStatusCode: dossier.nationalStatus,
    onTheSpot: dossier.onTheSpot,
    feesPaidOnline: dossier.feesPaidOnline,
    rating: dossier.ratingScore === null ? null : { score: dossier.ratingScore, comment: dossier.ratingComment, ratedAt: formatLocal(dossier.ratedAt!) },
  };
}
