import { ApiProperty } from '@nestjs/swagger';
import { FormAgencyFields, FormHandoverFields } from '@onestop/platform';

export class HandoverView extends FormHandoverFields {}

/** An agency as a form's header names it. */
export class FormAgencyView extends FormAgencyFields {}

/** Form 06: every hand-over of the dossier, in order; entries are never changed or removed. */
export class ControlSheetView {
  @ApiProperty({ example: '06' })
  form: string;

  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  procedureName: string;

  @ApiProperty({ type: FormAgencyView, description: 'The receiving agency, whose one-stop desk keeps the sheet (the form\'s header).' })
  agency: FormAgencyView;

  @ApiProperty({ type: String, nullable: true, example: 'Sở Giao thông vận tải', description: 'The competent agency that decides.' })
  competentAgencyName: string | null;

  @ApiProperty({ type: [HandoverView] })
  entries: HandoverView[];
}
