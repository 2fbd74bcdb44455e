import { ApiProperty } from '@nestjs/swagger';

export class HandoverView {
  @ApiProperty({ example: 1 })
  position: number;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  at: string;

  @ApiProperty({ example: 'forward', description: 'The action that made the hand-over.' })
  action: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.01.H56' })
  fromUnit: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'reception.ttphc' })
  fromOfficer: string | null;

  @ApiProperty({ type: String, nullable: true, example: '000.00.02.H56' })
  toUnit: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  toOfficer: string | null;

  @ApiProperty({ example: 'Chuyển xử lý' })
  result: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;
}

/** Form 06: every hand-over of the dossier, in order; entries are never changed or removed. */
export class ControlSheetView {
  @ApiProperty({ example: '06' })
  form: string;

  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  procedureName: string;

  @ApiProperty({ type: [HandoverView] })
  entries: HandoverView[];
}
