import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, type Channel } from '@onestop/domain';
import { ApplicantDto } from '../dossiers/dossier.dto.js';
import { DossierAgencyView, DossierProcedureView, ReceivedDocumentView, ResultDeliveryView } from '../dossiers/dossier.views.js';

export class StatutoryTimeView {
  @ApiProperty({ example: 4800 })
  workingMinutes: number;

  @ApiProperty({ example: '10 ngày làm việc' })
  text: string;
}

/** One line of the procedure's fees and charges (phí, lệ phí). */
export class ReceiptFeeView {
  @ApiProperty({ example: 'Lệ phí cấp giấy phép lái xe' })
  name: string;

  @ApiProperty({ example: 135000, description: 'Whole VND.' })
  amountVnd: number;

  @ApiProperty({ type: String, required: false, example: 'Miễn cho người khuyết tật' })
  note?: string;
}

/**
 * Form 01: receipt and appointment (Giấy tiếp nhận hồ sơ và hẹn trả kết quả), what the
 * applicant takes home; the lookup code on it opens the public lookup.
 */
export class ReceiptView {
  @ApiProperty({ example: '01' })
  form: string;

  @ApiProperty({ example: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' })
  title: string;

  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ example: 'Q7MK3XHP9T2D' })
  lookupSecret: string;

  @ApiProperty({ type: DossierAgencyView })
  agency: DossierAgencyView;

  @ApiProperty({ type: DossierProcedureView })
  procedure: DossierProcedureView;

  @ApiProperty({ type: ApplicantDto })
  applicant: ApplicantDto;

  @ApiProperty({ type: [ReceivedDocumentView] })
  documents: ReceivedDocumentView[];

  @ApiProperty({ type: StatutoryTimeView })
  statutoryTime: StatutoryTimeView;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  receivedAt: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00' })
  appointmentAt: string;

  @ApiProperty({ type: ResultDeliveryView })
  resultDelivery: ResultDeliveryView;

  @ApiProperty({ example: 'Tại Bộ phận Một cửa: Trung tâm Phục vụ hành chính công tỉnh Hà Nam' })
  resultDeliveryText: string;

  @ApiProperty({ enum: CHANNELS, example: 'counter', description: 'How the dossier was submitted.' })
  channel: Channel;

  @ApiProperty({ example: 'Trực tiếp tại Bộ phận Một cửa', description: 'The channel as the form words it.' })
  channelText: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Lê Văn Cường',
    description: 'The officer who received the dossier (for an online dossier, who accepted it), by the name their token gave; null when nobody did in person yet or the name is unknown.',
  })
  receivedByName: string | null;

  @ApiProperty({ type: [ReceiptFeeView], nullable: true, description: 'The fees and charges of the procedure version the dossier is judged by (catalog); null when the catalog could not be read, and the printed form then leaves the line out.' })
  fees: ReceiptFeeView[] | null;

  @ApiProperty({ type: String, nullable: true, example: 'Lệ phí cấp giấy phép lái xe: 135.000 đồng', description: 'The fees line as printed (`Không` for none, `(đã nộp trực tuyến)` when paid online); null with `fees`.' })
  feesText: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'EB123456789VN', description: 'For a dossier sent by post: the tracking number of its envelope (the pickup shipment); null otherwise, or while the post has not given one.' })
  trackingNumber: string | null;

  @ApiProperty({ example: true, description: 'Whether the printed form has the applicant\'s and the officer\'s signatures: only a dossier handed in at the counter; an online or post receipt is sent, not signed.' })
  signed: boolean;
}

export class ReceptionRefusalView {
  @ApiProperty({ example: 'online-only-day' })
  code: string;

  @ApiProperty({ example: 'channel' })
  field: string;

  @ApiProperty({ example: 'today this procedure is received online only at this agency: help the applicant submit it online' })
  reason: string;
}

export class MissingDocumentView {
  @ApiProperty({ example: 2 })
  requirement: number;

  @ApiProperty({ example: 'Giấy khám sức khỏe' })
  name: string;

  @ApiProperty({ example: 'original' })
  form: string;

  @ApiProperty({ example: 1 })
  quantity: number;
}

/**
 * The counter's pre-check: whether the dossier would be received, and if not the data of the
 * form to hand over, 03 (refusal, từ chối tiếp nhận) or 02 (supplement request, yêu cầu bổ sung).
 */
export class ReceptionCheckView {
  @ApiProperty({ example: false })
  receivable: boolean;

  @ApiProperty({ enum: ['02', '03'], nullable: true, example: '02', description: 'The form to hand the applicant, if any.' })
  form: '02' | '03' | null;

  @ApiProperty({ type: DossierProcedureView })
  procedure: DossierProcedureView;

  @ApiProperty({ type: DossierAgencyView })
  agency: DossierAgencyView;

  @ApiProperty({ type: [ReceptionRefusalView], description: 'Why reception refuses it (form 03).' })
  refusals: ReceptionRefusalView[];

  @ApiProperty({ type: [MissingDocumentView], description: 'Required documents missing (form 02).' })
  missingDocuments: MissingDocumentView[];

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  checkedAt: string;
}
