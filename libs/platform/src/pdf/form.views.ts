import { ApiProperty } from '@nestjs/swagger';

// What the printed forms show of an agency and of a hand-over, as JSON: the same in the
// officers' control sheet (workflow) and in the dossier's forms (intake), each of which names
// its schema by subclassing.

/** One hand-over of the control sheet (form 06). */
export class FormHandoverFields {
  @ApiProperty({ example: 1 })
  position: number;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  at: string;

  @ApiProperty({ example: 'forward', description: 'The action that made the hand-over.' })
  action: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.01.H56', description: 'The giving unit\'s code; null for the applicant handing the dossier in.' })
  fromUnit: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Trung tâm Phục vụ hành chính công tỉnh', description: 'The giving unit\'s name, from the catalog; null when unknown.' })
  fromUnitName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'reception.ttphc', description: 'The giving officer\'s subject (`system` for the system, `postal` for the post).' })
  fromOfficer: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Lê Văn Cường', description: 'The giving officer\'s name, as the officer directory (`/officers`) knows it; null when unknown or no person.' })
  fromOfficerName: string | null;

  @ApiProperty({ type: String, nullable: true, example: '000.17.22.H56' })
  toUnit: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sở Giao thông vận tải' })
  toUnitName: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  toOfficer: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  toOfficerName: string | null;

  @ApiProperty({ example: 'Chuyển xử lý' })
  result: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;
}

/** An agency as a form's header names it. */
export class FormAgencyFields {
  @ApiProperty({ example: '000.00.01.H56' })
  code: string;

  @ApiProperty({ example: 'Trung tâm Phục vụ hành chính công tỉnh Hà Nam', description: 'The unit\'s name (its code when the catalog could not name it).' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'UBND tỉnh Hà Nam', description: 'The superior authority printed above the unit.' })
  parentName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Hà Nam', description: 'The place printed before the date, when the agency\'s tree names a province.' })
  place: string | null;
}
