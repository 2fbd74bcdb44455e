import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@onestop/platform';

export class SaveRetentionPolicyRequest {
  @ApiProperty({ example: 120, minimum: 1, maximum: 1200, description: 'Months after a dossier of the field is closed (returned, refused, stopped or withdrawn) that its applicant\'s personal data is kept.' })
  @IsInt()
  @Min(1)
  @Max(1200)
  retentionMonths: number;

  @ApiProperty({ example: 'Thông tư 10/2022/TT-BNV, mục hồ sơ đất đai: 10 năm', description: 'The legal basis, for the record.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  basis: string;
}

export class RetentionPolicyView {
  @ApiProperty({ example: 'DD', description: 'The field (lĩnh vực) code; `*` is the default for every field without its own.' })
  fieldCode: string;

  @ApiProperty({ example: 60 })
  retentionMonths: number;

  @ApiProperty({ example: 'Thông tư 10/2022/TT-BNV: hồ sơ giải quyết thủ tục hành chính, 5 năm kể từ khi kết thúc' })
  basis: string;

  @ApiProperty({ example: '2026-12-04T10:00:00+07:00' })
  updatedAt: string;

  @ApiProperty({ example: 'admin' })
  updatedBy: string;
}

export class RetentionPoliciesView {
  @ApiProperty({ type: [RetentionPolicyView], description: 'The default (`*`) first, then each field\'s own.' })
  items: RetentionPolicyView[];
}

export class ErasureRunView {
  @ApiProperty({ type: [String], example: ['000.00.01.H56-210316-0001'], description: 'The dossiers whose applicant\'s personal data this run removed.' })
  erased: string[];

  @ApiProperty({ example: 3, description: 'Document files deleted from the file store.' })
  filesRemoved: number;
}

export class ErasureView {
  @ApiProperty({ example: '000.00.01.H56-210316-0001' })
  dossierCode: string;

  @ApiProperty({ example: '2021-03-30T10:00:00+07:00', description: 'When the dossier closed (its last status).' })
  closedAt: string;

  @ApiProperty({ example: 60, description: 'The retention it was kept for.' })
  retentionMonths: number;

  @ApiProperty({ example: '2026-04-01T10:00:00+07:00' })
  erasedAt: string;

  @ApiProperty({ example: 2 })
  filesRemoved: number;
}

export class ExportLogView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '2026-12-04T10:00:00+07:00' })
  at: string;

  @ApiProperty({ example: 'reception.tthc', description: 'Who asked for the export.' })
  actor: string;

  @ApiProperty({ enum: ['citizen', 'reception', 'admin'], description: 'As what: the person themselves (citizen), or an officer on their written request.' })
  actorRole: string;

  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the identity number asked for (officers\' exports): the log names the person without keeping their number.' })
  idNumberSha256: string | null;

  @ApiProperty({ type: String, nullable: true, example: '15/PYC-2026', description: 'The written request\'s reference (officers\' exports), or the citizen\'s reason for their own.' })
  requestReference: string | null;

  @ApiProperty({ example: 2, description: 'Dossiers given out.' })
  dossiers: number;
}

/** A citizen's export of their own data. */
export class OwnExportRequest {
  @ApiPropertyOptional({ example: 'Kiểm tra thông tin cá nhân đã cung cấp', description: 'Why, in the citizen\'s words; kept in the export log.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class PersonalDataRequest {
  @ApiProperty({ example: '001085012345', description: 'The identity number (CCCD, or the tax code of an organisation) of the person who asked in writing.' })
  @IsString()
  @Matches(/^[0-9A-Za-z-]{6,20}$/, { message: 'idNumber must be an identity number or tax code (6 to 20 letters, digits or dashes)' })
  idNumber: string;

  @ApiProperty({ example: '15/PYC-2026', description: 'The reference of the written request (phiếu yêu cầu), kept in the export log.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  requestReference: string;
}

export class ErasureLogQuery extends PageQuery {}

export class PersonalDataExportView {
  @ApiProperty({ example: '2026-12-04T10:00:00+07:00' })
  exportedAt: string;

  @ApiProperty({
    description:
      'Each dossier with the applicant\'s data as intake holds it (name, identity number, contacts, address, result delivery), its documents\' files (names, types, sizes, SHA-256; the bytes from `/dossiers/{code}/documents/{id}`), supplements\' notes, complaints about it and the entries of the document store it added. A dossier past its retention says `erased: true` and holds nothing personal. The other services hold copies of these keyed by the dossier code (the receiver on a postal shipment, the payer on a fee receipt, the messages sent).',
    type: 'array',
    items: { type: 'object' },
  })
  dossiers: Array<Record<string, unknown>>;
}
