import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FormAgencyFields, FormHandoverFields } from '@onestop/platform';
import { ReceiptView } from '../receipts/receipt.views.js';

export const FORM_NUMBERS = ['01', '02', '03', '04', '05', '06'] as const;
export type FormNumber = (typeof FORM_NUMBERS)[number];

/** The forms' titles, as printed. */
export const FORM_TITLES: Record<FormNumber, string> = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  '04': 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  '05': 'Thông báo dừng giải quyết hồ sơ',
  '06': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
};

/** The agency that issues a form, as its header names it. */
export class FormIssuerView extends FormAgencyFields {}

export class FormRequestedDocumentView {
  @ApiProperty({ example: 'Giấy khám sức khỏe' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'Bản chính, còn hiệu lực' })
  note: string | null;
}

/** Form 02: one supplement request of the dossier. */
export class FormSupplementRequestView {
  @ApiProperty({ example: 1, description: 'Which request of the dossier this is (1-based); `?sequence=` picks one, the latest by default.' })
  sequence: number;

  @ApiProperty({ example: 1, description: 'How many supplement requests the dossier has had.' })
  of: number;

  @ApiProperty({ example: '2026-03-17T10:00:00+07:00' })
  requestedAt: string;

  @ApiProperty({ type: String, nullable: true, example: 'Trần Thị Bình', description: 'The officer who asked, who signs the form.' })
  requestedByName: string | null;

  @ApiProperty({ type: [FormRequestedDocumentView] })
  documents: FormRequestedDocumentView[];

  @ApiProperty({ type: String, nullable: true, example: 'Giấy khám sức khỏe đã hết hạn' })
  note: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-19T10:00:00+07:00', description: 'When the applicant\'s supplement arrived; null while awaited.' })
  answeredAt: string | null;
}

/** Forms 03 and 05: the refusal or the stop. */
export class FormDecisionView {
  @ApiProperty({ example: '2026-03-18T10:00:00+07:00' })
  at: string;

  @ApiProperty({ type: String, nullable: true, example: 'Phạm Văn Dũng', description: 'The officer who decided, who signs the form.' })
  byName: string | null;

  @ApiProperty({ example: 'Hồ sơ không thuộc thẩm quyền giải quyết' })
  reason: string;
}

/** Form 04: the apology and the new appointment. */
export class FormApologyView {
  @ApiProperty({ example: '2026-03-27T10:00:00+07:00' })
  issuedAt: string;

  @ApiProperty({ type: String, nullable: true, example: 'Phạm Văn Dũng' })
  issuedByName: string | null;

  @ApiProperty({ example: 'Cần xác minh thêm với cơ quan liên quan' })
  reason: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00' })
  previousAppointmentAt: string;

  @ApiProperty({ example: '2026-04-03T10:00:00+07:00' })
  newAppointmentAt: string;
}

/** One hand-over of form 06. */
export class FormHandoverView extends FormHandoverFields {}

/** Form 06 as the dossier's forms give it. */
export class FormControlSheetView {
  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  procedureName: string;

  @ApiProperty({ type: String, nullable: true, example: 'Sở Giao thông vận tải' })
  competentAgencyName: string | null;

  @ApiProperty({ type: [FormHandoverView] })
  entries: FormHandoverView[];
}

/**
 * One official form of a dossier (01 to 06) as data: what is printed on it, in the part named
 * after the form (`receipt`, `supplementRequest`, `refusal`, `apology`, `stop`, `controlSheet`).
 */
export class DossierFormView {
  @ApiProperty({ enum: FORM_NUMBERS, example: '04' })
  form: FormNumber;

  @ApiProperty({ example: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' })
  title: string;

  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ type: FormIssuerView, description: 'The agency that issues the form, as its header names it.' })
  issuer: FormIssuerView;

  @ApiProperty({ example: '2026-03-27T10:00:00+07:00', description: 'When the form was issued (form 06: its last hand-over).' })
  issuedAt: string;

  @ApiProperty({ example: 'Nguyễn Văn An', description: 'Whom the form is addressed to.' })
  applicantName: string;

  @ApiPropertyOptional({ type: ReceiptView, description: 'Form 01.' })
  receipt?: ReceiptView;

  @ApiPropertyOptional({ type: FormSupplementRequestView, description: 'Form 02.' })
  supplementRequest?: FormSupplementRequestView;

  @ApiPropertyOptional({ type: FormDecisionView, description: 'Form 03.' })
  refusal?: FormDecisionView;

  @ApiPropertyOptional({ type: FormApologyView, description: 'Form 04.' })
  apology?: FormApologyView;

  @ApiPropertyOptional({ type: FormDecisionView, description: 'Form 05.' })
  stop?: FormDecisionView;

  @ApiPropertyOptional({ type: FormControlSheetView, description: 'Form 06.' })
  controlSheet?: FormControlSheetView;
}
