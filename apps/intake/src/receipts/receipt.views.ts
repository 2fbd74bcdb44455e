import { ApiProperty } from '@nestjs/swagger';
import { ApplicantDto } from '../dossiers/dossier.dto.js';
import { DossierAgencyView, DossierProcedureView, ReceivedDocumentView, ResultDeliveryView } from '../dossiers/dossier.views.js';

export class StatutoryTimeView {
  @ApiProperty({ example: 4800 })
  workingMinutes: number;

  @ApiProperty({ example: '10 ngày làm việc' })
  text: string;
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
}
