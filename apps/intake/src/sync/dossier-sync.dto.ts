import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength } from 'class-validator';
import { DOSSIER_STATUSES, type DossierStatus, PROGRESS_ACTIONS, type ProgressAction } from '@onestop/domain';
import { SubmitDossierRequest } from '../dossiers/dossier.dto.js';

/** A dossier submitted on the National Public Service Portal: always online, known by the portal's code. */
export class PortalDossierRequest extends OmitType(SubmitDossierRequest, ['channel', 'receivedAt'] as const) {
  @ApiProperty({ example: 'G22.99.8-241115-0042', description: 'The portal\'s own code for the dossier; a dossier is received once per code.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Matches(/^[A-Za-z0-9.\-_/]{1,100}$/, { message: 'externalId must be the portal\'s dossier code (letters, digits, . - _ /; at most 100)' })
  @MaxLength(100)
  externalId: string;
}

/** One step of a dossier's progress, as the national portal's sync job reads it. */
export class DossierProgressChange {
  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ example: '1.004005' })
  procedureCode: string;

  @ApiProperty({ example: 4, description: 'National status code 1-10.' })
  nationalStatusCode: number;

  @ApiProperty({ enum: DOSSIER_STATUSES, example: 'processing' })
  status: DossierStatus;

  @ApiProperty({
    enum: PROGRESS_ACTIONS,
    nullable: true,
    example: 'forward',
    description:
      'What the step did: `receive` (received at the agency) or `register` (submitted online, waiting for the desk), an officer\'s action on the case (`accept`, `forward`, `appraise`, `approve`, `refuse`, `request_supplement`, `apologise`, `stop`, `issue_result`, `mark_returned`, `handle_on_the_spot`...), `resume` or `supplement_received` (the applicant\'s supplement), `withdraw` (the applicant\'s withdrawal), `result_delivered_electronically`, or `result_returned_by_post` (the post could not deliver the result and brought it back). Null for steps recorded before the action was kept: read `status` and `content`.',
  })
  action: ProgressAction | null;

  @ApiProperty({ example: '2026-03-17T08:00:00+07:00', description: 'When the change happened.' })
  at: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.02.H56' })
  unitCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sở Tư pháp', description: 'The unit\'s name at the time of the step, as the catalog named it.' })
  unitName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Trần Thị Bình', description: 'The acting officer\'s name (the portal\'s NguoiXuLy), as the officer directory knows it; null for what the system or the applicant did.' })
  officerName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Chuyên viên', description: 'The acting officer\'s title (ChucDanh): the one an administrator set in the officer directory, else the role\'s usual title.' })
  officerTitle: string | null;

  @ApiProperty({ example: 'Chuyển thẩm định' })
  content: string;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00', description: 'Start date: when the dossier was received.' })
  startDate: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'Statutory end date (hạn giải quyết) as of this change.' })
  statutoryEndDate: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'Appointment told to the applicant as of this change.' })
  appointmentAt: string;

  @ApiProperty({ type: String, nullable: true, example: 'G22.99.8-241115-0042', description: 'The portal\'s code, for dossiers it pushed.' })
  externalId: string | null;
}
