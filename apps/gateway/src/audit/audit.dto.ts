import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from '@onestop/domain';
import { PageQuery } from '@onestop/platform';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: '000.00.01.H56-260316-0001' })
  @IsOptional()
  @Matches(DOSSIER_CODE_PATTERN, { message: 'dossierCode must be a dossier code such as 000.00.01.H56-260316-0001' })
  dossierCode?: string;

  @ApiPropertyOptional({ example: 'reception.ttphc', description: 'The subject of a person, or `api-key:<id>` of a machine.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;
}

export class AuditEntryView {
  @ApiProperty({ example: '2026-03-16T03:00:00.000Z' })
  at: string;

  @ApiProperty({ type: String, nullable: true, example: 'reception.ttphc' })
  actor: string | null;

  @ApiProperty({ example: 'POST' })
  method: string;

  @ApiProperty({ example: '/api/v1/cases/000.00.01.H56-260316-0001/actions', description: 'The path, without the query string.' })
  path: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'approve',
    description: 'What was done, when the path does not say: the action of a case action (`claim`, `assign`, `forward`, `appraise`, `approve`, `refuse`, `request_supplement`, `stop`, `issue_result`, `mark_returned`, `handle_on_the_spot`, `apologise`), also when it was refused. Null otherwise.',
  })
  action: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '000.00.01.H56-260316-0001',
    description: 'The dossier the change touched: from the path, for a shipment (`/shipments/{id}/...`) the shipment\'s dossier, for a creation the new dossier. Null when none (a pickup not yet handed over).',
  })
  dossierCode: string | null;

  @ApiProperty({ example: 200 })
  status: number;

  @ApiProperty({ type: String, nullable: true, example: '203.113.0.5' })
  clientIp: string | null;

  @ApiProperty({ type: String, nullable: true })
  requestId: string | null;
}
